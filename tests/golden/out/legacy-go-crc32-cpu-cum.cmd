TZ=UTC go tool pprof -top -symbolize=none -cum testdata/pprof/profile/testdata/go.crc32.cpu
# go version go1.19.8 linux/amd64

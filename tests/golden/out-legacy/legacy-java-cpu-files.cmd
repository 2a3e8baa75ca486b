TZ=UTC go tool pprof -top -symbolize=none -files testdata/pprof/profile/testdata/java.cpu
# go version go1.19.8 linux/amd64

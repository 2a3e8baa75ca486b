TZ=UTC go tool pprof -top -symbolize=none -cum testdata/pprof/profile/testdata/java.heap
# go version go1.19.8 linux/amd64

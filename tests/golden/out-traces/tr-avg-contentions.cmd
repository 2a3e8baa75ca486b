TZ=UTC go tool pprof -traces -symbolize=none -contentions -ignore=runtime testdata/pprofutils/examples/avg.in.pprof
# go version go1.19.8 linux/amd64

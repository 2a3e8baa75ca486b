TZ=UTC go tool pprof -dot -symbolize=none -mean testdata/pprofutils/examples/avg.in.pprof
# go version go1.19.8 linux/amd64

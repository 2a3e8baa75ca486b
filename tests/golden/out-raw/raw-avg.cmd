TZ=UTC go tool pprof -raw -symbolize=none testdata/pprofutils/examples/avg.in.pprof
# go version go1.19.8 linux/amd64

TZ=UTC go tool pprof -raw -symbolize=none testdata/pprofutils/examples/heapage.in.pprof
# go version go1.19.8 linux/amd64

TZ=UTC go tool pprof -traces -symbolize=none testdata/pprofutils/examples/labelframes.in.pprof
# go version go1.19.8 linux/amd64

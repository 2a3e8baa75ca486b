TZ=UTC go tool pprof -raw -symbolize=none -show=main testdata/pprofutils/examples/labelframes.in.pprof
# go version go1.19.8 linux/amd64

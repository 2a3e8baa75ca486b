TZ=UTC go tool pprof -tags -symbolize=none -mean testdata/pprofutils/examples/labelframes.in.pprof
# go version go1.19.8 linux/amd64

TZ=UTC go tool pprof -traces -symbolize=none -sample_index=samples -show=main testdata/pprofutils/examples/labelframes.in.pprof
# go version go1.19.8 linux/amd64

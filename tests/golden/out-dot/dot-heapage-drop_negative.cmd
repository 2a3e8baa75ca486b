TZ=UTC go tool pprof -dot -symbolize=none -drop_negative testdata/pprofutils/examples/heapage.in.pprof
# go version go1.19.8 linux/amd64

TZ=UTC go tool pprof -top -symbolize=none -show=^foo testdata/pprofutils/examples/folded.in.pprof
# go version go1.19.8 linux/amd64

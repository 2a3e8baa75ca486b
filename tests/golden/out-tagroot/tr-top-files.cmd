TZ=UTC go tool pprof -top -symbolize=none -files -tagleaf=mylabel testdata/pprofutils/examples/labelframes.in.pprof
# go version go1.19.8 linux/amd64

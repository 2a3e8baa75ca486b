TZ=UTC go tool pprof -dot -symbolize=none -focus=gc -nodecount=20 testdata/go/src/cmd/compile/default.pgo
# go version go1.19.8 linux/amd64

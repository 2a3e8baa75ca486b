TZ=UTC go tool pprof -callgrind -symbolize=none testdata/go/src/cmd/compile/default.pgo
# go version go1.19.8 linux/amd64

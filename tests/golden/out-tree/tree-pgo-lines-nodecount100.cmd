TZ=UTC go tool pprof -tree -symbolize=none -lines -nodecount=100 testdata/go/src/cmd/compile/default.pgo
# go version go1.19.8 linux/amd64

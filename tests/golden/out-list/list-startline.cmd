TZ=UTC go tool pprof -symbolize=none -source_path=/usr/lib/go-1.19/src -list=^runtime\.(mallocgc|scanobject)$ testdata/go/src/cmd/compile/default.pgo
# go version go1.19.8 linux/amd64

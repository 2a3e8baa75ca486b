TZ=UTC go tool pprof -top -symbolize=none -prune_from=^runtime\.mallocgc$ -cum -nodecount=20 testdata/go/src/cmd/compile/default.pgo
# go version go1.19.8 linux/amd64

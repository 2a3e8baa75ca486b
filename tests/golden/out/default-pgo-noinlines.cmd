TZ=UTC go tool pprof -top -symbolize=none -noinlines -nodecount=25 testdata/go/src/cmd/compile/default.pgo
# go version go1.19.8 linux/amd64

TZ=UTC go tool pprof -top -symbolize=none -filefunctions -nodecount=20 testdata/go/src/cmd/compile/default.pgo
# go version go1.19.8 linux/amd64

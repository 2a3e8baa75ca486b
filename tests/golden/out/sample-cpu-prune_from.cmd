TZ=UTC go tool pprof -top -symbolize=none -cum -prune_from=runtime\.mapassign_fast64 testdata/pprof/internal/report/testdata/sample.cpu
# go version go1.19.8 linux/amd64

TZ=UTC go tool pprof -dot -symbolize=none -prune_from=runtime testdata/pprof/internal/proftest/testdata/large.cpu
# go version go1.19.8 linux/amd64

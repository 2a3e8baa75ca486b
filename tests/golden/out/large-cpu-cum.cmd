TZ=UTC go tool pprof -top -symbolize=none -cum -nodecount=30 testdata/pprof/internal/proftest/testdata/large.cpu
# go version go1.19.8 linux/amd64

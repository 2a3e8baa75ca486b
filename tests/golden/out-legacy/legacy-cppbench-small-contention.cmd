TZ=UTC go tool pprof -top -symbolize=none -addresses testdata/pprof/internal/driver/testdata/cppbench.small.contention
# go version go1.19.8 linux/amd64

TZ=UTC go tool pprof -traces -symbolize=none testdata/pprof/internal/driver/testdata/cppbench.cpu
# go version go1.19.8 linux/amd64

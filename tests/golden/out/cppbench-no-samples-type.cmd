TZ=UTC go tool pprof -top -symbolize=none testdata/pprof/internal/driver/testdata/cppbench.cpu_no_samples_type
# go version go1.19.8 linux/amd64

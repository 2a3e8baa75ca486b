TZ=UTC go tool pprof -raw -symbolize=none testdata/pprof/profile/testdata/cppbench.heap
# go version go1.19.8 linux/amd64

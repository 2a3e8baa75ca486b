TZ=UTC go tool pprof -top -symbolize=none -addresses testdata/pprof/profile/testdata/cppbench.contention
# go version go1.19.8 linux/amd64

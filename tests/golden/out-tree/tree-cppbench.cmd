TZ=UTC go tool pprof -tree -symbolize=none -nodecount=20 testdata/pprof/profile/testdata/cppbench.cpu
# go version go1.19.8 linux/amd64

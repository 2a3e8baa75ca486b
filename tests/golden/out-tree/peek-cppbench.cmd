TZ=UTC go tool pprof -peek=pthread -symbolize=none -addresses testdata/pprof/profile/testdata/cppbench.cpu
# go version go1.19.8 linux/amd64

TZ=UTC go tool pprof -dot -symbolize=none -noinlines -cum testdata/pprof/profile/testdata/cppbench.cpu
# go version go1.19.8 linux/amd64

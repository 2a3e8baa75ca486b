TZ=UTC go tool pprof -top -symbolize=none testdata/pprof/profile/testdata/cppbench.thread
# go version go1.19.8 linux/amd64

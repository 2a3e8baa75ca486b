TZ=UTC go tool pprof -top -symbolize=none -addresses testdata/pprof/profile/testdata/gobench.heap
# go version go1.19.8 linux/amd64

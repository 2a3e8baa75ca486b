TZ=UTC go tool pprof -tags -symbolize=none testdata/pprof/profile/testdata/gobench.heap
# go version go1.19.8 linux/amd64

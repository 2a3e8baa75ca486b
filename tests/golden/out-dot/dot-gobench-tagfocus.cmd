TZ=UTC go tool pprof -dot -symbolize=none -tagfocus=bytes=1kb: testdata/pprof/profile/testdata/gobench.heap
# go version go1.19.8 linux/amd64

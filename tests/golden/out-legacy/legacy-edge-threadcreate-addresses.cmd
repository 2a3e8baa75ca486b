TZ=UTC go tool pprof -top -symbolize=none -addresses testdata/bad/legacy-edge-threadcreate.prof
# go version go1.19.8 linux/amd64

TZ=UTC go tool pprof -callgrind -symbolize=none -call_tree testdata/pprof/internal/report/testdata/sample.cpu
# go version go1.19.8 linux/amd64

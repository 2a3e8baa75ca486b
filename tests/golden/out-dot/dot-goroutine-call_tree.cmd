TZ=UTC go tool pprof -dot -symbolize=none -call_tree testdata/derived/goroutine-graph/goroutine.pb.gz
# go version go1.19.8 linux/amd64

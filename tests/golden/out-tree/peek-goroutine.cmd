TZ=UTC go tool pprof -peek=main\. -symbolize=none testdata/derived/goroutine-graph/goroutine.pb.gz
# go version go1.19.8 linux/amd64

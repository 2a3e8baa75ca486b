TZ=UTC go tool pprof -traces -symbolize=none -tagfocus=role=reader -lines testdata/derived/goroutine/goroutine.pb.gz
# go version go1.19.8 linux/amd64

TZ=UTC go tool pprof -top -symbolize=none -tagleaf=shard -tagfocus=role=reader testdata/derived/goroutine/goroutine.pb.gz
# go version go1.19.8 linux/amd64

TZ=UTC go tool pprof -traces -symbolize=none -tagroot=role -tagleaf=shard testdata/derived/goroutine/goroutine.pb.gz
# go version go1.19.8 linux/amd64

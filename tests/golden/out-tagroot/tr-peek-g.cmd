TZ=UTC go tool pprof -peek reader|gopark -symbolize=none -tagroot=role,shard testdata/derived/goroutine/goroutine.pb.gz
# go version go1.19.8 linux/amd64

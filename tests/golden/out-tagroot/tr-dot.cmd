TZ=UTC go tool pprof -dot -symbolize=none -tagroot=role testdata/derived/goroutine/goroutine.pb.gz
# go version go1.19.8 linux/amd64

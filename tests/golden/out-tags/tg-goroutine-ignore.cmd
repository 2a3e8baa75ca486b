TZ=UTC go tool pprof -tags -symbolize=none -ignore=goroutineProfile -focus=gopark testdata/derived/goroutine/goroutine.pb.gz
# go version go1.19.8 linux/amd64

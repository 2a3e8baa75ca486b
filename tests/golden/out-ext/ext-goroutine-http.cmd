TZ=UTC go tool pprof -top -symbolize=none ../shared/testdata/go-profiler-notes/examples/goroutine/1.net.http.pprof.goroutine.debug0.pb.gz
# go version go1.19.8 linux/amd64

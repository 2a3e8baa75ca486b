TZ=UTC go tool pprof -top -symbolize=none -cum -addresses ../shared/testdata/go-profiler-notes/examples/goroutine/1.net.http.pprof.goroutine.debug1.txt
# go version go1.19.8 linux/amd64

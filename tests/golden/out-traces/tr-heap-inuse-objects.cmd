TZ=UTC go tool pprof -traces -symbolize=none -inuse_objects testdata/dd-trace-go/profiler/internal/fastdelta/testdata/heap.pprof
# go version go1.19.8 linux/amd64

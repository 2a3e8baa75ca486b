TZ=UTC go tool pprof -traces -symbolize=none -alloc_objects -divide_by=2 testdata/dd-trace-go/profiler/internal/fastdelta/testdata/heap.pprof
# go version go1.19.8 linux/amd64

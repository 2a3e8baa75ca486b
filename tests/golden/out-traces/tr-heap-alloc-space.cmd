TZ=UTC go tool pprof -traces -symbolize=none -alloc_space -filefunctions -focus=Sample..key testdata/dd-trace-go/profiler/internal/fastdelta/testdata/heap.pprof
# go version go1.19.8 linux/amd64

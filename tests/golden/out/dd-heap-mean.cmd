TZ=UTC go tool pprof -top -symbolize=none -mean -alloc_space -nodecount=15 testdata/dd-trace-go/profiler/internal/fastdelta/testdata/heap.pprof
# go version go1.19.8 linux/amd64

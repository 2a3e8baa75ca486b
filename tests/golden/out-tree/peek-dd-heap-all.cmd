TZ=UTC go tool pprof -peek=. -symbolize=none testdata/dd-trace-go/profiler/internal/fastdelta/testdata/heap.pprof
# go version go1.19.8 linux/amd64

TZ=UTC go tool pprof -top -symbolize=none -tagfocus=bytes=100kb:500kb testdata/dd-trace-go/profiler/internal/fastdelta/testdata/heap.pprof
# go version go1.19.8 linux/amd64

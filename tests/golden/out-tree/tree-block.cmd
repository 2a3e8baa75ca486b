TZ=UTC go tool pprof -tree -symbolize=none testdata/dd-trace-go/profiler/internal/fastdelta/testdata/block.after.pprof
# go version go1.19.8 linux/amd64

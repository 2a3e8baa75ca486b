TZ=UTC go tool pprof -top -symbolize=none -diff_base=testdata/dd-trace-go/profiler/internal/fastdelta/testdata/block.before.pprof -mean testdata/dd-trace-go/profiler/internal/fastdelta/testdata/block.after.pprof
# go version go1.19.8 linux/amd64

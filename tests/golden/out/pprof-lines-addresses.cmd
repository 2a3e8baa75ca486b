TZ=UTC go tool pprof -top -symbolize=none -addresses testdata/dd-trace-go/profiler/internal/pprofutils/test-fixtures/pprof.lines.pb.gz
# go version go1.19.8 linux/amd64

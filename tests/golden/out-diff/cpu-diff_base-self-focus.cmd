TZ=UTC go tool pprof -top -symbolize=none -diff_base=testdata/pprof/internal/report/testdata/sample.cpu -focus=mapassign testdata/pprof/internal/report/testdata/sample.cpu
# go version go1.19.8 linux/amd64

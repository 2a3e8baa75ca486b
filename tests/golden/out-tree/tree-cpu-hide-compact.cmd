TZ=UTC go tool pprof -tree -symbolize=none -hide=runtime -compact_labels testdata/pprof/internal/report/testdata/sample.cpu
# go version go1.19.8 linux/amd64

TZ=UTC go tool pprof -top -symbolize=none -focus=mapassign -relative_percentages testdata/pprof/internal/report/testdata/sample.cpu
# go version go1.19.8 linux/amd64

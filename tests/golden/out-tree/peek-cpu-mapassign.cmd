TZ=UTC go tool pprof -peek=mapassign -symbolize=none testdata/pprof/internal/report/testdata/sample.cpu
# go version go1.19.8 linux/amd64

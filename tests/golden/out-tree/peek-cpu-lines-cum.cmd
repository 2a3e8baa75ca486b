TZ=UTC go tool pprof -peek=runtime\.m -symbolize=none -lines -cum testdata/pprof/internal/report/testdata/sample.cpu
# go version go1.19.8 linux/amd64

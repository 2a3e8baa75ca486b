TZ=UTC go tool pprof -tree -symbolize=none -cum -lines testdata/pprof/internal/report/testdata/sample.cpu
# go version go1.19.8 linux/amd64

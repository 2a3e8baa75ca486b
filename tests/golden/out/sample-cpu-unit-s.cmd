TZ=UTC go tool pprof -top -symbolize=none -unit=s testdata/pprof/internal/report/testdata/sample.cpu
# go version go1.19.8 linux/amd64

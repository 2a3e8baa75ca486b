TZ=UTC go tool pprof -tree -symbolize=none -trim=false -nodecount=15 testdata/pprof/internal/report/testdata/sample.cpu
# go version go1.19.8 linux/amd64

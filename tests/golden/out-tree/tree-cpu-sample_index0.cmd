TZ=UTC go tool pprof -tree -symbolize=none -sample_index=0 -nodecount=12 testdata/pprof/internal/report/testdata/sample.cpu
# go version go1.19.8 linux/amd64

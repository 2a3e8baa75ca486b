TZ=UTC go tool pprof -dot -symbolize=none -lines -cum -nodecount=25 testdata/pprof/internal/report/testdata/sample.cpu
# go version go1.19.8 linux/amd64

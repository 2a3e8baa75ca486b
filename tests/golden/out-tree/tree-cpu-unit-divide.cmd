TZ=UTC go tool pprof -tree -symbolize=none -unit=ms -divide_by=2 -edgefraction=0.05 testdata/pprof/internal/report/testdata/sample.cpu
# go version go1.19.8 linux/amd64

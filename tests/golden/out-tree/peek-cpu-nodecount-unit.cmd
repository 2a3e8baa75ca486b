TZ=UTC go tool pprof -peek=runtime\.mapa -symbolize=none -nodecount=3 -nodefraction=0.2 -unit=us -cum testdata/pprof/internal/report/testdata/sample.cpu
# go version go1.19.8 linux/amd64

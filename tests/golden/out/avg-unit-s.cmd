TZ=UTC go tool pprof -top -symbolize=none -unit=s -cum -nodecount=15 testdata/pprofutils/examples/avg.in.pprof
# go version go1.19.8 linux/amd64

TZ=UTC go tool pprof -top -symbolize=none -nodefraction=0.001 -nodecount=40 testdata/pprof/internal/proftest/testdata/large.cpu
# go version go1.19.8 linux/amd64

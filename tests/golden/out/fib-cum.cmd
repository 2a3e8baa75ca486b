TZ=UTC go tool pprof -top -symbolize=none -cum -nodecount=15 testdata/parca/pkg/query/testdata/fib.pb.gz
# go version go1.19.8 linux/amd64

TZ=UTC go tool pprof -top -symbolize=none -hide=^runtime\. -nodecount=12 testdata/parca/pkg/query/testdata/fib.pb.gz
# go version go1.19.8 linux/amd64

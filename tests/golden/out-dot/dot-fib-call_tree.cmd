TZ=UTC go tool pprof -dot -symbolize=none -call_tree testdata/parca/pkg/query/testdata/fib.pb.gz
# go version go1.19.8 linux/amd64

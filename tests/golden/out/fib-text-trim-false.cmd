TZ=UTC go tool pprof -text -symbolize=none -trim=false testdata/parca/pkg/query/testdata/fib.pb.gz
# go version go1.19.8 linux/amd64

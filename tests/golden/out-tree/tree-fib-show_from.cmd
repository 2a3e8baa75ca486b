TZ=UTC go tool pprof -tree -symbolize=none -show_from=main testdata/parca/pkg/query/testdata/fib.pb.gz
# go version go1.19.8 linux/amd64

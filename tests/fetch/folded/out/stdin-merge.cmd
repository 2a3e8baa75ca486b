TZ=UTC go tool pprof -top -symbolize=none ../../../testdata/parca/pkg/query/testdata/fib.pb.gz ../../../testdata/parca/pkg/query/testdata/fib.pb.gz > out/stdin-merge.txt
# go version go1.19.8 linux/amd64

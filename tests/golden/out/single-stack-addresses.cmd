TZ=UTC go tool pprof -top -symbolize=none -addresses testdata/parca/pkg/query/testdata/single-stack.pb.gz
# go version go1.19.8 linux/amd64

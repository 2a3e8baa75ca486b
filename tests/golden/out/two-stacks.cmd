TZ=UTC go tool pprof -top -symbolize=none testdata/parca/pkg/query/testdata/two-stacks.pb.gz
# go version go1.19.8 linux/amd64

TZ=UTC go tool pprof -dot -symbolize=none -addresses testdata/parca/pkg/parca/testdata/alloc_objects.pb.gz
# go version go1.19.8 linux/amd64

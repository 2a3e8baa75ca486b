TZ=UTC go tool pprof -dot -symbolize=none -inuse_objects -mean testdata/parca/pkg/parca/testdata/alloc_objects.pb.gz
# go version go1.19.8 linux/amd64

TZ=UTC go tool pprof -top -symbolize=none -unit=mb -inuse_space -nodecount=10 testdata/parca/pkg/parca/testdata/alloc_objects.pb.gz
# go version go1.19.8 linux/amd64

TZ=UTC go tool pprof -tags -symbolize=none -unit=kb testdata/parca/pkg/parca/testdata/alloc_objects.pb.gz
# go version go1.19.8 linux/amd64

TZ=UTC go tool pprof -tree -symbolize=none -mean -sample_index=alloc_space -nodecount=10 testdata/parca/pkg/parca/testdata/alloc_objects.pb.gz
# go version go1.19.8 linux/amd64

TZ=UTC go tool pprof -top -symbolize=none -focus=compress/flate -cum -nodecount=15 testdata/parca/pkg/parca/testdata/alloc_objects.pb.gz
# go version go1.19.8 linux/amd64

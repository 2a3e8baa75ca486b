TZ=UTC go tool pprof -dot -symbolize=none -files testdata/parca/pkg/parca/testdata/labels.pb.gz
# go version go1.19.8 linux/amd64

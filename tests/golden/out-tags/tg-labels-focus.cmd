TZ=UTC go tool pprof -tags -symbolize=none -focus=runtime testdata/parca/pkg/parca/testdata/labels.pb.gz
# go version go1.19.8 linux/amd64

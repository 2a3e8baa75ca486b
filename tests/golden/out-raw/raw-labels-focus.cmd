TZ=UTC go tool pprof -raw -symbolize=none -focus=runtime -tagshow=api testdata/parca/pkg/parca/testdata/labels.pb.gz
# go version go1.19.8 linux/amd64

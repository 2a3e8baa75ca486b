TZ=UTC go tool pprof -traces -symbolize=none -tagfocus=api=query testdata/parca/pkg/parca/testdata/labels.pb.gz
# go version go1.19.8 linux/amd64

TZ=UTC go tool pprof -tree -symbolize=none -tagroot=api testdata/parca/pkg/parca/testdata/labels.pb.gz
# go version go1.19.8 linux/amd64

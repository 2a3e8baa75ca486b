TZ=UTC go tool pprof -raw -symbolize=none -show_from=http testdata/parca/pkg/parca/testdata/labels.pb.gz
# go version go1.19.8 linux/amd64

TZ=UTC go tool pprof -top -symbolize=none -addresses testdata/go-torch/pprof/testdata/pprof.1.pb.gz
# go version go1.19.8 linux/amd64

TZ=UTC go tool pprof -tags -symbolize=none testdata/derived/synthetic-20k.pb.gz
# go version go1.19.8 linux/amd64

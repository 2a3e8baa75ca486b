TZ=UTC go tool pprof -tree -symbolize=none -files testdata/derived/synthetic-20k.pb.gz
# go version go1.19.8 linux/amd64

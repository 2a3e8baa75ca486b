TZ=UTC go tool pprof -dot -symbolize=none -nodecount=30 testdata/derived/synthetic-20k.pb.gz
# go version go1.19.8 linux/amd64

TZ=UTC go tool pprof -top -symbolize=none -lines -nodecount=60 testdata/derived/synthetic-20k.pb.gz
# go version go1.19.8 linux/amd64

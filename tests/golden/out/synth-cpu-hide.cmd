TZ=UTC go tool pprof -top -symbolize=none -hide=runtime -nodecount=30 testdata/derived/synthetic-cpu-20k.pb.gz
# go version go1.19.8 linux/amd64

TZ=UTC go tool pprof -dot -symbolize=none -tagshow=bytes -sample_index=inuse_space testdata/derived/synthetic-20k.pb.gz
# go version go1.19.8 linux/amd64

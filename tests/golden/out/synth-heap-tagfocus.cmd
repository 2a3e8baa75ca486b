TZ=UTC go tool pprof -top -symbolize=none -tagfocus=bytes=1kb: -sample_index=alloc_space testdata/derived/synthetic-20k.pb.gz
# go version go1.19.8 linux/amd64

TZ=UTC go tool pprof -top -symbolize=none -lines -sample_index=samples testdata/derived/dups-20k.pb.gz
# go version go1.19.8 linux/amd64

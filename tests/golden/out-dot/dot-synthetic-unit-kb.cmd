TZ=UTC go tool pprof -dot -symbolize=none -sample_index=alloc_space -unit=kb testdata/derived/synthetic-20k.pb.gz
# go version go1.19.8 linux/amd64

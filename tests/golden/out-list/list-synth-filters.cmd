TZ=UTC go tool pprof -symbolize=none -source_path=/nonexistent -noinlines -sample_index=inuse_space -focus=main -ignore=Encrypt -list=. testdata/derived/synthetic-20k.pb.gz
# go version go1.19.8 linux/amd64

TZ=UTC go tool pprof -symbolize=none -source_path=/nonexistent -list=. testdata/derived/synthetic-cpu-20k.pb.gz
# go version go1.19.8 linux/amd64

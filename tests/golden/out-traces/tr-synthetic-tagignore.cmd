TZ=UTC go tool pprof -traces -symbolize=none -focus=growChunk -tagignore=bytes=:64kb -addresses testdata/derived/synthetic-20k.pb.gz
# go version go1.19.8 linux/amd64

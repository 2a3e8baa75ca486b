TZ=UTC go tool pprof -traces -symbolize=none -focus=growChunk -tagfocus=bytes=64kb -noinlines -lines testdata/derived/synthetic-20k.pb.gz
# go version go1.19.8 linux/amd64

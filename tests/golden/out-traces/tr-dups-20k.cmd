TZ=UTC go tool pprof -traces -symbolize=none -focus=DecodeItem testdata/derived/dups-20k.pb.gz
# go version go1.19.8 linux/amd64

TZ=UTC go tool pprof -top -symbolize=none -prune_from=copy -cum testdata/derived/synthetic-20k.pb.gz
# go version go1.19.8 linux/amd64

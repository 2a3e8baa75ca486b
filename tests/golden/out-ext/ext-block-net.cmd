TZ=UTC go tool pprof -top -symbolize=none ../shared/testdata/go-profiler-notes/examples/block-net/block.pb.gz
# go version go1.19.8 linux/amd64

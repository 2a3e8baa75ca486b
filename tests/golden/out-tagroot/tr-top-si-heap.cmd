TZ=UTC go tool pprof -top -symbolize=none -tagroot=bytes -sample_index=alloc_objects testdata/pprofutils/examples/heapage.in.pprof
# go version go1.19.8 linux/amd64

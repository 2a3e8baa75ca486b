TZ=UTC go tool pprof -top -symbolize=none -tagfocus=bytes=10kb testdata/pprofutils/examples/heapage.in.pprof
# go version go1.19.8 linux/amd64

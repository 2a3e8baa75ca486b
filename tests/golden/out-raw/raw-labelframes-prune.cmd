TZ=UTC go tool pprof -raw -symbolize=none -prune_from=runtime -tagfocus=mylabel=val=2 testdata/pprofutils/examples/labelframes.in.pprof
# go version go1.19.8 linux/amd64

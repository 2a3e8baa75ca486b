TZ=UTC go tool pprof -top -symbolize=none -tagroot=mylabel -focus=val=1 testdata/pprofutils/examples/labelframes.in.pprof
# go version go1.19.8 linux/amd64

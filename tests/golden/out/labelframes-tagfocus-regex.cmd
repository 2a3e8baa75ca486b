TZ=UTC go tool pprof -top -symbolize=none -tagfocus=mylabel=val=[01] -cum testdata/pprofutils/examples/labelframes.in.pprof
# go version go1.19.8 linux/amd64

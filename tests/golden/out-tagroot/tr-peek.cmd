TZ=UTC go tool pprof -peek val= -symbolize=none -tagroot=mylabel testdata/pprofutils/examples/labelframes.in.pprof
# go version go1.19.8 linux/amd64

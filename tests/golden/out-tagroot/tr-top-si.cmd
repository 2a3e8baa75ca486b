TZ=UTC go tool pprof -top -symbolize=none -tagroot=mylabel -sample_index=samples testdata/pprofutils/examples/labelframes.in.pprof
# go version go1.19.8 linux/amd64

TZ=UTC go tool pprof -top -symbolize=none -nodefraction=0 -edgefraction=0 -cum testdata/derived/synthetic-cpu-20k.pb.gz
# go version go1.19.8 linux/amd64

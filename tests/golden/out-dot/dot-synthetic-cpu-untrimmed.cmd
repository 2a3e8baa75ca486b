TZ=UTC go tool pprof -dot -symbolize=none -nodecount=200 -nodefraction=0 -edgefraction=0 testdata/derived/synthetic-cpu-20k.pb.gz
# go version go1.19.8 linux/amd64

TZ=UTC go tool pprof -top -symbolize=none -show_from=Server testdata/derived/synthetic-cpu-20k.pb.gz
# go version go1.19.8 linux/amd64

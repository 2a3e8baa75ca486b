TZ=UTC go tool pprof -symbolize=none -list=matmul|dot tests/list/ref/matrix.pb.gz
# go version go1.19.8 linux/amd64

TZ=UTC go tool pprof -callgrind -symbolize=none tests/symbolize-e2e/ref/crc.pb.gz
# go version go1.19.8 linux/amd64

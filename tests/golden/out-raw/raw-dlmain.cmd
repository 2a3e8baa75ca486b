TZ=UTC go tool pprof -raw -symbolize=none tests/symbolize-e2e/ref/dlmain.pb.gz
# go version go1.19.8 linux/amd64

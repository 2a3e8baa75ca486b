TZ=UTC go tool pprof -tree -symbolize=none -lines tests/symbolize-e2e/ref/matrix.pb.gz
# go version go1.19.8 linux/amd64

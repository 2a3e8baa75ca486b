TZ=UTC go tool pprof -traces -symbolize=none -noinlines tests/symbolize-e2e/ref/crc.pb.gz
# go version go1.19.8 linux/amd64

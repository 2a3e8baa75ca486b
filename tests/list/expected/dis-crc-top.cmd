TZ=UTC go tool pprof -symbolize=none -top -noinlines tests/list/ref/crc.pb.gz
# go version go1.19.8 linux/amd64

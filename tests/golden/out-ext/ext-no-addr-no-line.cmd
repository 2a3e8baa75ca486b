TZ=UTC go tool pprof -top -symbolize=none ../shared/testdata/pyroscope/pkg/pprof/testdata/malformed/no_addr_no_line.pb.gz
# go version go1.19.8 linux/amd64

TZ=UTC go tool pprof -top -symbolize=none -alloc_space ../shared/testdata/pyroscope/pkg/og/convert/pprof/testdata/req_5.pprof
# go version go1.19.8 linux/amd64

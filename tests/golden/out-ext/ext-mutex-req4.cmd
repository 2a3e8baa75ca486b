TZ=UTC go tool pprof -top -symbolize=none ../shared/testdata/pyroscope/pkg/og/convert/pprof/testdata/req_4.pprof
# go version go1.19.8 linux/amd64

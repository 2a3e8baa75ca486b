TZ=UTC go tool pprof -top -symbolize=none -lines -nodecount=20 ../shared/testdata/pyroscope/pkg/phlaredb/testdata/profile
# go version go1.19.8 linux/amd64

TZ=UTC go tool pprof -top -symbolize=none ../shared/testdata/pyroscope/pkg/phlaredb/testdata/profile_python
# go version go1.19.8 linux/amd64

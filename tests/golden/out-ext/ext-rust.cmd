TZ=UTC go tool pprof -top -symbolize=none ../shared/testdata/pyroscope/pkg/pprof/testdata/profile_rust
# go version go1.19.8 linux/amd64

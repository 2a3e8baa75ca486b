TZ=UTC go tool pprof -top -symbolize=none ../shared/testdata/pyroscope/pkg/pprof/testdata/profile_java
# go version go1.19.8 linux/amd64

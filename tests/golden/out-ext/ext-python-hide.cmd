TZ=UTC go tool pprof -top -symbolize=none -hide=^werkzeug -nodecount=15 ../shared/testdata/pyroscope/pkg/pprof/testdata/profile_python
# go version go1.19.8 linux/amd64

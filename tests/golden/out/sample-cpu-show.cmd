TZ=UTC go tool pprof -top -symbolize=none -show=^main\. testdata/pprof/internal/report/testdata/sample.cpu
# go version go1.19.8 linux/amd64

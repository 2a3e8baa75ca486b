TZ=UTC go tool pprof -top -symbolize=none -sample_index=cpu ../shared/testdata/pyroscope/pkg/pprof/testdata/dotnet.labels.pprof
# go version go1.19.8 linux/amd64

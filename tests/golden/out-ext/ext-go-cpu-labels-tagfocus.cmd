TZ=UTC go tool pprof -top -symbolize=none -tagfocus=function=slow ../shared/testdata/pyroscope/pkg/pprof/testdata/go.cpu.labels.pprof
# go version go1.19.8 linux/amd64

TZ=UTC go tool pprof -top -symbolize=none ../shared/testdata/go-profiler-notes/guide/memory-profiler.pprof
# go version go1.19.8 linux/amd64

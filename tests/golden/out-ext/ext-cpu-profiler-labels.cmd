TZ=UTC go tool pprof -top -symbolize=none -tagfocus=user=bob ../shared/testdata/go-profiler-notes/guide/cpu-profiler-labels.pprof
# go version go1.19.8 linux/amd64

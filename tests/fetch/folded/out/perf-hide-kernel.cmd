TZ=UTC go tool pprof -top -symbolize=none -hide=_\[k\]$ perf.pb > out/perf-hide-kernel.txt
# go version go1.19.8 linux/amd64

TZ=UTC go tool pprof -top -symbolize=none perf.pb > out/perf-top.txt
# go version go1.19.8 linux/amd64

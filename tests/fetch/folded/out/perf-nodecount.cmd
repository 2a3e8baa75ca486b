TZ=UTC go tool pprof -top -symbolize=none -nodecount=5 perf.pb > out/perf-nodecount.txt
# go version go1.19.8 linux/amd64

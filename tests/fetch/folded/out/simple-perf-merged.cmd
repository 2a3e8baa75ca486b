TZ=UTC go tool pprof -top -symbolize=none simple.pb perf.pb > out/simple-perf-merged.txt
# go version go1.19.8 linux/amd64

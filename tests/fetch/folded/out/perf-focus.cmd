TZ=UTC go tool pprof -top -symbolize=none -focus=main\.handler perf.pb > out/perf-focus.txt
# go version go1.19.8 linux/amd64

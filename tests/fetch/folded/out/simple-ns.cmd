TZ=UTC go tool pprof -top -symbolize=none simple-ns.pb > out/simple-ns.txt
# go version go1.19.8 linux/amd64

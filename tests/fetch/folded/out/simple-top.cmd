TZ=UTC go tool pprof -top -symbolize=none simple.pb > out/simple-top.txt
# go version go1.19.8 linux/amd64

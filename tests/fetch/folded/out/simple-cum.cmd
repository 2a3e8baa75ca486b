TZ=UTC go tool pprof -top -symbolize=none -cum simple.pb > out/simple-cum.txt
# go version go1.19.8 linux/amd64

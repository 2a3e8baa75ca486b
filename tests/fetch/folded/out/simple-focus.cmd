TZ=UTC go tool pprof -top -symbolize=none -focus=io simple.pb > out/simple-focus.txt
# go version go1.19.8 linux/amd64

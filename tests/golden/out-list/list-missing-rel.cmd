TZ=UTC go tool pprof -symbolize=none -source_path=/nonexistent -list=main.collatz testdata/golist/cpu-trimpath.pprof
# go version go1.19.8 linux/amd64

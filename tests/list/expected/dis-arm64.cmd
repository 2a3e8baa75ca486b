TZ=UTC go tool pprof -symbolize=none -disasm=. testdata/golist/listdemo-arm64.bin testdata/golist/arm64.pprof
# go version go1.19.8 linux/amd64

TZ=UTC go tool pprof -disasm=. testdata/golist/listdemo.bin testdata/golist/cpu.pprof
# go version go1.19.8 linux/amd64

TZ=UTC go tool pprof -disasm=main\.work testdata/golist/listdemo.bin testdata/golist/cpu.pprof
# go version go1.19.8 linux/amd64

TZ=UTC go tool pprof -focus=checksum -disasm=main testdata/golist/listdemo.bin testdata/golist/cpu.pprof
# go version go1.19.8 linux/amd64

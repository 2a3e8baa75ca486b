TZ=UTC go tool pprof -disasm=sumAsm testdata/golist/listdemo.bin testdata/golist/cpu.pprof
# go version go1.19.8 linux/amd64

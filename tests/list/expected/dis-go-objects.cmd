TZ=UTC go tool pprof -inuse_objects -disasm=main\.main testdata/golist/listdemo.bin testdata/golist/heap.pprof
# go version go1.19.8 linux/amd64

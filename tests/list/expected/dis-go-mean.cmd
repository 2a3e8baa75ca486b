TZ=UTC go tool pprof -sample_index=alloc_space -mean -disasm=main\.work testdata/golist/listdemo.bin testdata/golist/heap.pprof
# go version go1.19.8 linux/amd64

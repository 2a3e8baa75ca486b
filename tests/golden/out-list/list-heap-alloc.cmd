TZ=UTC go tool pprof -symbolize=none -trim_path=/tmp/pvlist/listdemo -source_path=testdata/golist/listdemo -sample_index=alloc_space -list=main\. testdata/golist/heap.pprof
# go version go1.19.8 linux/amd64

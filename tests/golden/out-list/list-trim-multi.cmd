TZ=UTC go tool pprof -symbolize=none -trim_path=/nowhere:/tmp/pvlist/listdemo/ -source_path=/nonexistent:testdata/golist/listdemo -list=main\.(mix|fold|checksum)$ testdata/golist/cpu.pprof
# go version go1.19.8 linux/amd64

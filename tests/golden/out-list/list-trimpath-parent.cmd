TZ=UTC go tool pprof -symbolize=none -source_path=testdata/golist/listdemo -list=main\.(sumAsm|keep) testdata/golist/cpu-trimpath.pprof
# go version go1.19.8 linux/amd64

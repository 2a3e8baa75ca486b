TZ=UTC go tool pprof -symbolize=none -source_path=testdata/golist/listdemo -list=main\.(work|collatz) testdata/golist/cpu.pprof
# go version go1.19.8 linux/amd64

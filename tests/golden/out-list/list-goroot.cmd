TZ=UTC go tool pprof -symbolize=none -list=runtime\.mem(clr|move) testdata/golist/cpu.pprof
# go version go1.19.8 linux/amd64

TZ=UTC go tool pprof -symbolize=none -trim_path=/tmp/pvlist/listdemo -source_path=testdata/golist/listdemo -unit=us -list=main\.sumAsm testdata/golist/cpu.pprof
# go version go1.19.8 linux/amd64

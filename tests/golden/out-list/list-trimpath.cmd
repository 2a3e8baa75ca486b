TZ=UTC go tool pprof -symbolize=none -source_path=testdata/golist -list=main\. testdata/golist/cpu-trimpath.pprof
# go version go1.19.8 linux/amd64

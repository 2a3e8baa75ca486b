TZ=UTC go tool pprof -symbolize=none -source_path=testdata/golist:/usr/lib/go-1.19/src -list=runtime\.memclr|main\.fill testdata/golist/cpu-trimpath.pprof
# go version go1.19.8 linux/amd64

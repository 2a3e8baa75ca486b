TZ=UTC go tool pprof -symbolize=none -trim_path=/home/builder/sdk/go1.19.8 -source_path=/usr/lib/go-1.19 -list=runtime\.mem testdata/golist/cpu-remote.pprof
# go version go1.19.8 linux/amd64

TZ=UTC go tool pprof -top -symbolize=none -tagroot=bytes,request -unit=kB testdata/derived/handmade/labels.pb
# go version go1.19.8 linux/amd64

TZ=UTC go tool pprof -raw -symbolize=none -tagroot=user,bytes -unit=kB testdata/derived/handmade/labels.pb
# go version go1.19.8 linux/amd64

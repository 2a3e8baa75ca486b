TZ=UTC go tool pprof -top -symbolize=none -lines testdata/derived/handmade/dropframes.pb
# go version go1.19.8 linux/amd64

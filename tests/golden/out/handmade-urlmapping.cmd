TZ=UTC go tool pprof -top -symbolize=none testdata/derived/handmade/urlmapping.pb
# go version go1.19.8 linux/amd64

TZ=UTC go tool pprof -raw -symbolize=none testdata/derived/handmade/urlmapping.pb
# go version go1.19.8 linux/amd64

TZ=UTC go tool pprof -tags -symbolize=none testdata/derived/handmade/labels.pb
# go version go1.19.8 linux/amd64

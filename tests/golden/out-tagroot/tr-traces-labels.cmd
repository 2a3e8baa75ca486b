TZ=UTC go tool pprof -traces -symbolize=none -tagleaf=user,k,request testdata/derived/handmade/labels.pb
# go version go1.19.8 linux/amd64

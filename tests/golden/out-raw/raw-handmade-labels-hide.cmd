TZ=UTC go tool pprof -raw -symbolize=none -hide=parse -tagignore=user=bob testdata/derived/handmade/labels.pb
# go version go1.19.8 linux/amd64

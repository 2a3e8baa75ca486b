TZ=UTC go tool pprof -tags -symbolize=none -divide_by=1024 -tagignore=handler=orders testdata/derived/synthetic-20k.pb.gz
# go version go1.19.8 linux/amd64

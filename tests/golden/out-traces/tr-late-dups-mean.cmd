TZ=UTC go tool pprof -traces -symbolize=none -mean -focus=search\.Order\.LookupNode testdata/derived/late-dups/late-dups.pb.gz
# go version go1.19.8 linux/amd64

TZ=UTC go tool pprof -top -symbolize=none testdata/derived/late-dups/late-dups.pb.gz
# go version go1.19.8 linux/amd64

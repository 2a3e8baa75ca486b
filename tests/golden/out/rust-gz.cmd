TZ=UTC go tool pprof -top -symbolize=none testdata/derived/pprof-rs/profile.pb.gz
# go version go1.19.8 linux/amd64

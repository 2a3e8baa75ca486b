TZ=UTC go tool pprof -top -symbolize=none -cum testdata/pprof-rs/profile.pb
# go version go1.19.8 linux/amd64

TZ=UTC go tool pprof -top -symbolize=none -focus=Rem testdata/pprof-rs/profile.pb
# go version go1.19.8 linux/amd64

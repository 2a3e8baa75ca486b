TZ=UTC go tool pprof -tree -symbolize=none -noinlines -addresses testdata/pprof-rs/profile.pb
# go version go1.19.8 linux/amd64

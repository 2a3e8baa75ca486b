TZ=UTC go tool pprof -peek=core::iter -symbolize=none -noinlines testdata/pprof-rs/profile.pb
# go version go1.19.8 linux/amd64

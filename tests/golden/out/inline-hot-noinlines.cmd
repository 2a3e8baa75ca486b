TZ=UTC go tool pprof -top -symbolize=none -noinlines testdata/go/src/cmd/compile/internal/test/testdata/pgo/inline/inline_hot.pprof
# go version go1.19.8 linux/amd64

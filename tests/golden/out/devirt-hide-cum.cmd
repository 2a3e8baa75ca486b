TZ=UTC go tool pprof -top -symbolize=none -hide=^testing\. -cum testdata/go/src/cmd/compile/internal/test/testdata/pgo/devirtualize/devirt.pprof
# go version go1.19.8 linux/amd64

TZ=UTC go tool pprof -top -symbolize=none testdata/derived/parca/pkg/query/testdata/fib.pb
# go version go1.19.8 linux/amd64

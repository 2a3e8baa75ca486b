TZ=UTC go tool pprof -tree -symbolize=none testdata/pprof/internal/proftest/testdata/large.cpu
# go version go1.19.8 linux/amd64

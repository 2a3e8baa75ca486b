TZ=UTC go tool pprof -top -symbolize=none testdata/pprof/internal/driver/testdata/go.nomappings.crash
# go version go1.19.8 linux/amd64

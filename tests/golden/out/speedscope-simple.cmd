TZ=UTC go tool pprof -top -symbolize=none testdata/speedscope/sample/profiles/pprof/simple.prof
# go version go1.19.8 linux/amd64

TZ=UTC go tool pprof -top -symbolize=none -lines testdata/bad/legacy-edge-java.prof
# go version go1.19.8 linux/amd64

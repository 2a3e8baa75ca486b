TZ=UTC go tool pprof -top -symbolize=none -sample_index=inuse_objects testdata/bad/legacy-edge-java.prof
# go version go1.19.8 linux/amd64

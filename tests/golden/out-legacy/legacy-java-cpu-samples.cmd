TZ=UTC go tool pprof -top -symbolize=none -sample_index=samples testdata/pprof/profile/testdata/java.cpu
# go version go1.19.8 linux/amd64

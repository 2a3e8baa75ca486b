TZ=UTC go tool pprof -top -symbolize=none -sample_index=0 testdata/parca/pkg/query/testdata/fgprof.pb.gz
# go version go1.19.8 linux/amd64

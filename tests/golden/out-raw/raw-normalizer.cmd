TZ=UTC go tool pprof -raw -symbolize=none testdata/parca/pkg/normalizer/profile.pb.gz
# go version go1.19.8 linux/amd64

TZ=UTC go tool pprof -dot -symbolize=none testdata/parca/pkg/query/testdata/profile-with-labels.pb.gz
# go version go1.19.8 linux/amd64

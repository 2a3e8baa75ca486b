TZ=UTC go tool pprof -tree -symbolize=none -tagfocus=api=query testdata/parca/pkg/query/testdata/profile-with-labels.pb.gz
# go version go1.19.8 linux/amd64

TZ=UTC go tool pprof -raw -symbolize=none -hide=runtime -taghide=thread_id testdata/parca/pkg/query/testdata/profile-with-labels.pb.gz
# go version go1.19.8 linux/amd64

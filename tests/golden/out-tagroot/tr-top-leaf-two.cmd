TZ=UTC go tool pprof -top -symbolize=none -tagleaf=thread_name,thread_id testdata/parca/pkg/query/testdata/profile-with-labels.pb.gz
# go version go1.19.8 linux/amd64

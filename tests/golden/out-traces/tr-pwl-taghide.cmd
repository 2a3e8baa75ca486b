TZ=UTC go tool pprof -traces -symbolize=none -taghide=thread_id -focus=net/http testdata/parca/pkg/query/testdata/profile-with-labels.pb.gz
# go version go1.19.8 linux/amd64

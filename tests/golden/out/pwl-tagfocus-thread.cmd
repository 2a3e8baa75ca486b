TZ=UTC go tool pprof -top -symbolize=none -tagfocus=thread_id=276473. -nodecount=20 testdata/parca/pkg/query/testdata/profile-with-labels.pb.gz
# go version go1.19.8 linux/amd64

TZ=UTC go tool pprof -top -symbolize=none -tagignore=thread_id=275616[01] -nodecount=15 testdata/parca/pkg/query/testdata/profile-with-labels.pb.gz
# go version go1.19.8 linux/amd64

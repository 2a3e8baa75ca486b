TZ=UTC go tool pprof -traces -symbolize=none -tagshow=thread_name -files -focus=syscall testdata/parca/pkg/query/testdata/profile-with-labels.pb.gz
# go version go1.19.8 linux/amd64

printf '%b' 'sample_index=1\ntop3\nsample_index=\ntop3\nsample_index\nfocus\nhide=runtime\ntop3\nshow_from=main\ntop3\n:\ntop3\n' | TZ=UTC go tool pprof -symbolize=none testdata/parca/pkg/parca/testdata/alloc_objects.pb.gz
# go version go1.19.8 linux/amd64

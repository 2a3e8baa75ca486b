printf '%b' 'top3\nalloc_space\ntop3\nmean_alloc_space\ntop3\ntotal_alloc_space\ntop3 -cum\ninuse_space\ntop2\n' | TZ=UTC go tool pprof -symbolize=none testdata/parca/pkg/parca/testdata/alloc_objects.pb.gz
# go version go1.19.8 linux/amd64

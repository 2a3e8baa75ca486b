printf '%b' 'top4\ninuse_objects\ntop4\nalloc_objects\ntop4 -cum\nmean=true\ntop4\nrelative_percentages=true\nfocus=runtime\ntop4\n' | TZ=UTC go tool pprof -symbolize=none testdata/pprof/profile/testdata/gobench.heap
# go version go1.19.8 linux/amd64

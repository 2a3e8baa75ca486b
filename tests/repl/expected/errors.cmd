printf '%b' 'sample_index=9\nsample_index=zz\ncum\nnodecount\nnodecount=x\ntrim=maybe\nhelp focus\nhelp nosuch\n:\ntop3\nfocus=(\ntop3\ntop3 -cum >\ngranularity=words\n' | TZ=UTC go tool pprof -symbolize=none testdata/pprof/internal/report/testdata/sample.cpu
# go version go1.19.8 linux/amd64

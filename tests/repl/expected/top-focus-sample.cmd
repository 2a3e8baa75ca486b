printf '%b' 'top5\nfocus=mapassign\ntop3 -cum\nsample_index=0\ntop2\nfoo\nhelp top\nquit\n' | TZ=UTC go tool pprof -symbolize=none testdata/pprof/internal/report/testdata/sample.cpu
# go version go1.19.8 linux/amd64

printf '%b' 'top\ntop -cum\ntop5 main\ntop5 -runtime\ngranularity=lines\ntop4\nlines\nnoinlines\ntop4\n' | TZ=UTC go tool pprof -symbolize=none testdata/pprof/internal/report/testdata/sample.cpu
# go version go1.19.8 linux/amd64

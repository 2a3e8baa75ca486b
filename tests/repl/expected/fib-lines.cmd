printf '%b' 'granularity=lines\ntop5\ngranularity=files\ntop5\ngranularity=filefunctions\ntop5\ngranularity=addresses\ntop3\nnodecount=3\ntop\nexit\n' | TZ=UTC go tool pprof -symbolize=none testdata/parca/pkg/query/testdata/fib.pb.gz
# go version go1.19.8 linux/amd64

printf '%b' 'top3\ntagfocus=thread_name=.*\ntop3\ntagignore=foo\ntop3\n:\ntop3 -cum\n' | TZ=UTC go tool pprof -symbolize=none testdata/parca/pkg/parca/testdata/labels.pb.gz
# go version go1.19.8 linux/amd64

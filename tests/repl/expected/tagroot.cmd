printf '%b' 'top3\ntagroot=role\ntop5\ntagleaf=shard,nope\ntraces\ntagroot=zz\ntop3\nhelp tagroot\nhelp tagleaf\ntagroot=\ntagleaf=\ntop3\ntagleaf=role\npeek gopark\n' | TZ=UTC go tool pprof -symbolize=none testdata/derived/goroutine/goroutine.pb.gz
# go version go1.19.8 linux/amd64

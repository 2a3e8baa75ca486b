TZ=UTC go tool pprof -top -symbolize=none -tagroot=nosuch,role testdata/derived/goroutine/goroutine.pb.gz > /dev/null 2> tagroot-match.err
# go version go1.19.8 linux/amd64

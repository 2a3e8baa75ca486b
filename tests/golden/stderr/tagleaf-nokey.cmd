TZ=UTC go tool pprof -top -symbolize=none -tagroot=role -tagleaf=nosuch,, testdata/derived/goroutine/goroutine.pb.gz > /dev/null 2> tagleaf-nokey.err
# go version go1.19.8 linux/amd64

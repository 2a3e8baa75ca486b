TZ=UTC go tool pprof -traces -symbolize=none -tagroot=nosuch -tagleaf=nosuch -focus=nosuch -tagfocus=nosuch=x testdata/derived/goroutine/goroutine.pb.gz > /dev/null 2> tagroot-order.err
# go version go1.19.8 linux/amd64

TZ=UTC go tool pprof -top -symbolize=none -tagroot=nosuch testdata/derived/goroutine/goroutine.pb.gz > /dev/null 2> tagroot-nokey.err
# go version go1.19.8 linux/amd64

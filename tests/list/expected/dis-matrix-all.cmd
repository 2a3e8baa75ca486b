TZ=UTC go tool pprof -symbolize=none -disasm=. testdata/symbolize/e2e/matrix tests/symbolize-e2e/ref/matrix.pb.gz
# go version go1.19.8 linux/amd64

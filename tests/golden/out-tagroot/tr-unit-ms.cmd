TZ=UTC go tool pprof -top -symbolize=none -tagleaf=latency,bytes -unit=ms testdata/derived/handmade/labels.pb
# go version go1.19.8 linux/amd64

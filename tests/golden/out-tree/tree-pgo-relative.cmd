TZ=UTC go tool pprof -tree -symbolize=none -focus=runtime -relative_percentages -nodecount=20 testdata/go/src/cmd/compile/default.pgo
# go version go1.19.8 linux/amd64

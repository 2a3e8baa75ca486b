TZ=UTC go tool pprof -top -symbolize=none -diff_base=testdata/parca/pkg/query/testdata/many/1644509299337903000.pb.gz -relative_percentages -focus=badger testdata/parca/pkg/query/testdata/many/1644509272337470000.pb.gz
# go version go1.19.8 linux/amd64

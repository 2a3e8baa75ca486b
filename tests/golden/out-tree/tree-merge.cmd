TZ=UTC go tool pprof -tree -symbolize=none -nodecount=25 testdata/parca/pkg/query/testdata/many/1644509272337470000.pb.gz testdata/parca/pkg/query/testdata/many/1644509299337903000.pb.gz
# go version go1.19.8 linux/amd64

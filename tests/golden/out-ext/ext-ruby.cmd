TZ=UTC go tool pprof -top -symbolize=none -nodecount=20 ../shared/testdata/pyroscope/pkg/pprof/testdata/profile_ruby
# go version go1.19.8 linux/amd64

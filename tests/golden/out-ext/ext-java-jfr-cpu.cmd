TZ=UTC go tool pprof -top -symbolize=none -nodecount=15 ../shared/testdata/pyroscope/pkg/og/convert/jfr/testdata/cortex-dev-01__kafka-0__cpu__0.jfr.gz.process_cpu_cpu_nanoseconds_cpu_nanoseconds.17241709254077376921.pb.gz
# go version go1.19.8 linux/amd64

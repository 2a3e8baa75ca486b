env PVIEW_BINARY_PATH= PPROF_BINARY_PATH=/nonexistent/pview-e2e PPROF_BINARY_PATH=testdata/symbolize/e2e TZ=UTC go tool pprof -symbolize=none -top -addresses tests/symbolize-e2e/ref/matrix.pb.gz

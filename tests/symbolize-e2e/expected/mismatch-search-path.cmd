env PVIEW_BINARY_PATH= PPROF_BINARY_PATH=/nonexistent/pview-e2e PPROF_BINARY_PATH=testdata/symbolize/e2e/wrong TZ=UTC go tool pprof -symbolize=local -top testdata/symbolize/e2e/crc.pb.gz

env PVIEW_BINARY_PATH= PPROF_BINARY_PATH=/nonexistent/pview-e2e  TZ=UTC go tool pprof -symbolize=local -top -addresses testdata/symbolize/e2e/crc.pb.gz

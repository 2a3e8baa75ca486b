env PVIEW_BINARY_PATH= PPROF_BINARY_PATH=/nonexistent/pview-e2e  TZ=UTC go tool pprof -symbolize=none -top testdata/symbolize/e2e/matrix testdata/symbolize/e2e/crc.pb.gz

env PVIEW_BINARY_PATH= PPROF_BINARY_PATH=/nonexistent/pview-e2e  TZ=UTC go tool pprof -symbolize=none -top -symbolize=none testdata/symbolize/e2e/renamed/crc-copy testdata/symbolize/e2e/crc.pb.gz

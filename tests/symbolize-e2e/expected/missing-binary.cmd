env PVIEW_BINARY_PATH= PPROF_BINARY_PATH=/nonexistent/pview-e2e  TZ=UTC go tool pprof -symbolize=local -top testdata/symbolize/e2e/dlmain.pb.gz

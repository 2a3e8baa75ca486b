env PVIEW_BINARY_PATH= PPROF_BINARY_PATH=/nonexistent/pview-e2e  TZ=UTC go tool pprof -symbolize=none -top -lines tests/symbolize-e2e/ref/splitc4.pb.gz

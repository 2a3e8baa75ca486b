env PVIEW_BINARY_PATH= PPROF_BINARY_PATH=/nonexistent/pview-e2e  TZ=UTC go tool pprof -symbolize=none -top tests/symbolize-e2e/ref/splitc5.pb.gz

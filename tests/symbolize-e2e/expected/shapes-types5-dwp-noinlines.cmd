env PVIEW_BINARY_PATH= PPROF_BINARY_PATH=/nonexistent/pview-e2e  PPROF_BINARY_PATH=/nonexistent/pview-e2e TZ=UTC go tool pprof -symbolize=local -top -noinlines tests/symbolize-e2e/ref/shapes.pb.gz

TZ=UTC pview -flame -symbolize=none -lines testdata/pprof/internal/report/testdata/sample.cpu

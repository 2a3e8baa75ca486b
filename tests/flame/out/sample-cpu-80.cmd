TZ=UTC pview -flame -symbolize=none -width=80 testdata/pprof/internal/report/testdata/sample.cpu

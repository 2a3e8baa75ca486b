TZ=UTC pview -flame -symbolize=none -width=60 -focus=mapassign testdata/pprof/internal/report/testdata/sample.cpu

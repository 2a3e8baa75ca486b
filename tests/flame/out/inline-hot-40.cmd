TZ=UTC pview -flame -symbolize=none -width=40 testdata/go/src/cmd/compile/internal/test/testdata/pgo/inline/inline_hot.pprof

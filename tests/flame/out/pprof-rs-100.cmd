TZ=UTC pview -flame -symbolize=none -width=100 testdata/pprof-rs/profile.pb

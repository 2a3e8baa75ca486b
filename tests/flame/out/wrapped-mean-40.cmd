TZ=UTC pview -flame -symbolize=none -granularity=addresses -noinlines -mean -width=40 tests/flame/wrapped-mean.pb

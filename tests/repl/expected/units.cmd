printf '%b' 'unit=ms\ntop3\nunit=\ntop3\ndivide_by=2\ntop3\ntext\nunit=minimum\ndivide_by=1\ntop3 main\n' | TZ=UTC go tool pprof -symbolize=none testdata/pprof/internal/report/testdata/sample.cpu
# go version go1.19.8 linux/amd64

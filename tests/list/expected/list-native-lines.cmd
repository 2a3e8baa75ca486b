TZ=UTC go tool pprof -symbolize=none -list=lib_|fmix|combine -source_path=testdata/symbolize/e2e/src tests/list/ref/dlmain.pb.gz
# go version go1.19.8 linux/amd64

TZ=UTC go tool pprof -top -symbolize=none -addresses -cum testdata/pprof/profile/testdata/cppbench.thread.all
# go version go1.19.8 linux/amd64

# l in the peek view lists the selected caller or callee (here main.work's first callee).
profile: testdata/golist/cpu.pprof
args: -tui_size=80x24 -trim_path=/tmp/pvlist/listdemo -source_path=testdata/golist/listdemo
expect: main.checksum in hash.go  flat 50ms  cum 580ms (35.58% of total)
expect: hash.go:7  flat 30ms (1.84%)  cum 550ms (33.74%)  main.checksum
keys:
/work<Enter><Enter>jl<Dump>

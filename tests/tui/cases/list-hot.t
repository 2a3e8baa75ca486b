# :list RE lists every matching function; H jumps to the hottest line, Tab to the next
# hottest, in order of flat then cum, across routines.
profile: testdata/golist/cpu.pprof
args: -tui_size=80x24 -trim_path=/tmp/pvlist/listdemo -source_path=testdata/golist/listdemo
expect: hot line 1 of 8
expect: hot line 2 of 8
expect: hash.go:19  flat 430ms (26.38%)  cum 430ms (26.38%)  main.mix
expect: hash.go:32  flat 110ms (6.75%)  cum 170ms (10.43%)  main.collatz
keys:
:list main\.(mix|collatz|fold)<Enter>H<Dump><Tab><Dump>

# When several functions match, ] and [ move between their listings.
profile: testdata/golist/cpu.pprof
args: -tui_size=80x24 -trim_path=/tmp/pvlist/listdemo -source_path=testdata/golist/listdemo
expect: last function
expect: main.collatz  (2 routines, 8 lines with samples)
expect: first function
keys:
:list main\.(mix|collatz|fold)<Enter>]<Dump>[<Dump>[<Dump>

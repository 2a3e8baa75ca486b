# e expands the calls inlined into the listed function: under each call site, the callee's
# lines with their samples there (checksum and collatz are inlined only into work, so their
# lines carry the numbers of -list=main.checksum / main.collatz).
profile: testdata/golist/cpu.pprof
args: -tui_size=100x30 -trim_path=/tmp/pvlist/listdemo -source_path=testdata/golist/listdemo
expect: inlined calls expanded
expect:          .      580ms     53          h := checksum(buf)
expect:       30ms      550ms    ▼ hash.go:7                  h = mix(h, int(b[i]))
expect:      110ms      170ms    ▼ hash.go:32                                  m /= 2
expect: main.collatz hash.go:32 inlined at line 55  flat 110ms  cum 170ms  in main.work
keys:
:list ^main\.work$<Enter>e<Dump>/m /= 2<Enter><Dump>

# l on a top row opens the annotated source of that function (the list product), 80x24,
# opened on its hottest line; Esc goes back to the top table with the selection kept.
profile: testdata/golist/cpu.pprof
args: -tui_size=80x24 -trim_path=/tmp/pvlist/listdemo -source_path=testdata/golist/listdemo
expect: main.checksum in hash.go  flat 50ms  cum 580ms (35.58% of total)
expect:       30ms      550ms      7                  h = mix(h, int(b[i]))
expect: hash.go:7  flat 30ms (1.84%)  cum 550ms (33.74%)  main.checksum
expect: 8/41  flat 0.05s (3.07%)  cum 0.58s (35.58%)  main.checksum (inline)
keys:
/checksum<Enter>l<Dump><Esc><Dump>

# a in the list view shows each source line's instructions under it (capstone, from the
# binary given on the command line) with their flat and cum; a again hides them.
profile: testdata/golist/cpu.pprof
args: -tui_size=80x24 -trim_path=/tmp/pvlist/listdemo -source_path=testdata/golist/listdemo testdata/golist/listdemo.bin
expect: assembly shown
expect:       50ms       50ms            4b7cda  addq %rdx, %rax
expect: sum_amd64.s:13  flat 50ms (3.07%)  cum 50ms (3.07%)  main.sumAsm
expect: assembly hidden
keys:
:list main\.sumAsm<Enter>a<Dump>a<Dump>

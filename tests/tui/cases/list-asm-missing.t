# Without the binary the assembly toggle says why there is none (132 columns: the whole message).
profile: testdata/golist/cpu.pprof
args: -tui_size=132x24 -trim_path=/tmp/pvlist/listdemo -source_path=testdata/golist/listdemo
expect: no assembly: no matches found for regexp: main\.sumAsm (open /tmp/pvlist/listdemo/listdemo: no such file or directory)
keys:
:list main\.sumAsm<Enter>a<Dump>

# Source not found: the view says which paths were tried and how to fix it, still shows the
# costs by line number; :source_path= then finds the file and the view reloads in place.
profile: testdata/golist/cpu.pprof
expect: source not found: open /tmp/pvlist/listdemo/hash.go: no such file or directory
expect:     tried /tmp/pvlist/listdemo/hash.go
expect: set :source_path=DIR:DIR (searched with their parents) or :trim_path=PREFIX
expect:      110ms      170ms     32  (source not read)
expect:      110ms      170ms     32                                  m /= 2
keys:
:list main\.collatz<Enter><Dump>:source_path=testdata/golist/listdemo<Enter><Dump>

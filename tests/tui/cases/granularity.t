# d cycles the granularity: functions, filefunctions, files, lines, addresses; D goes back.
args: -tui_size=160x24
expect: filefunctions · sort=flat
expect: files · sort=flat
expect: lines · sort=flat
expect: addresses · sort=flat
expect: runtime.mapiternext /usr/lib/google-golang/src/runtime/hashmap.go
expect:   /usr/lib/google-golang/src/runtime/hashmap.go
expect: runtime.mapiternext /usr/lib/google-golang/src/runtime/hashmap.go:
keys:
d<Dump>d<Dump>d<Dump>d<Dump>D<Dump>

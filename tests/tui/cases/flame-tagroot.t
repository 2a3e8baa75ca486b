# With :tagroot=role the flame graph's first level under "all" is the role values (pprof's
# pseudo frames, <unknown> for the goroutine without the label).
profile: testdata/derived/goroutine/goroutine.pb.gz
args: -tui_size=100x24
expect: tagroot=role
expect: ▏reader                                           ▏<unknown>       ▏gc-helper      ▏writer
keys:
:tagroot=role<Enter>F

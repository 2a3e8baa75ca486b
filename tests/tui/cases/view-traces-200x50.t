# The traces view at 200x50, on a goroutine profile (stacks grouped as pprof groups them).
profile: testdata/derived/goroutine/goroutine.pb.gz
args: -tui_size=200x50
expect: traces:
expect: stack 1/
keys:
:traces<Enter><Dump>

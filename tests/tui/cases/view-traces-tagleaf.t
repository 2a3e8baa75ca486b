# :traces with :tagleaf=shard: each trace starts at its shard value (pprof's leaf pseudo
# frame) above the real leaf.
profile: testdata/derived/goroutine/goroutine.pb.gz
args: -tui_size=100x24
expect: tagleaf=shard
keys:
:tagleaf=shard<Enter>:traces<Enter>

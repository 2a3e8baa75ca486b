# :tagroot=role,shard adds label pseudo frames at the root of every stack (rows a, b, reader,
# gc-helper and <unknown> for the sample without labels); u undoes it. A key no sample has
# gives every stack the same empty root frame (<unknown>, the top row by cum) and pprof's
# warning on the message line.
profile: testdata/derived/goroutine/goroutine.pb.gz
expect: sort=cum · tagroot=role,shard
expect: 0     0% 83.33%          3 50.00%  a
expect: 0     0% 83.33%          1 16.67%  gc-helper
expect: sort=cum  │ no filters
expect: 0     0%     0%          6   100%  <unknown>
expect: TagRoot expression matched no samples
keys:
:cum<Enter>:tagroot=role,shard<Enter><Dump>u<Dump>:tagroot=nosuch<Enter><Dump>

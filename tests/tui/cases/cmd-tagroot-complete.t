# :tagroot= completes label keys, the last of a comma-separated list.
profile: testdata/derived/goroutine/goroutine.pb.gz
expect: :tagroot=role,shard
reject: no completions
keys:
:tagroot=ro<Tab>,s<Tab><Dump><Esc>

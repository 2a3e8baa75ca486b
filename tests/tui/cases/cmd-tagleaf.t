# :tagleaf=role adds pprof's label pseudo frames at the leaf of every stack: the role values
# (and <unknown> for the sample without the label) take all the flat weight and are the top
# rows; the crumbs show the setting; u undoes it and the frames are gone.
profile: testdata/derived/goroutine/goroutine.pb.gz
expect: tagleaf=role
expect: 3 50.00% 50.00%          3 50.00%  reader
expect: 5 83.33% 83.33%          5 83.33%  runtime.gopark
keys:
:tagleaf=role<Enter><Dump>u<Dump>

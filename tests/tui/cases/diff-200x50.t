# The diff view at 200x50, sorted by cum (pprof's absolute-change order), with signed values.
profile: testdata/parca/pkg/query/testdata/many/1644509272337470000.pb.gz
args: -tui_size=200x50 -diff_base=testdata/parca/pkg/query/testdata/many/1644509299337903000.pb.gz
expect: sort=cum
expect: -83.20MB
expect: shrink
keys:
s<DumpRoles>

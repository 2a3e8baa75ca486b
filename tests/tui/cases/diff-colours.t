# With -diff_base the values are signed: growth and shrinkage in the theme's two roles
# (+ and - in the role dump), sorted by absolute change as pprof sorts them.
profile: testdata/parca/pkg/query/testdata/many/1644509272337470000.pb.gz
args: -tui_size=100x24 -diff_base=testdata/parca/pkg/query/testdata/many/1644509299337903000.pb.gz
expect: -83.20MB
expect: growth
expect: shrink
keys:
<DumpRoles>

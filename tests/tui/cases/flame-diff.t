# The diff flame (-diff_base): each frame as wide as in the new profile, coloured by the
# change through it (+ growth, - shrinkage in the role dump); the status line gives before,
# after and the change.
profile: testdata/parca/pkg/query/testdata/many/1644509272337470000.pb.gz
args: -tui_size=100x24 -diff_base=testdata/parca/pkg/query/testdata/many/1644509299337903000.pb.gz
expect: before
expect: after
expect: change
expect: shrink
keys:
F<Dump>kk<DumpRoles>

# :diff_base=FILE loads the profile again against FILE: signed values, the base named with
# the settings; :diff_base= goes back to the plain profile.
profile: testdata/parca/pkg/query/testdata/many/1644509272337470000.pb.gz
args: -tui_size=120x24
expect: diff_base=testdata/parca/pkg/query/testdata/many/1644509299337903000.pb.gz
expect: -83.20MB
expect: comparing with
keys:
:diff_base=testdata/parca/pkg/query/testdata/many/1644509299337903000.pb.gz<Enter><Dump>:diff_base=<Enter><Dump>

# A tagfocus warning is said when the filter is set, and not again on unrelated commands.
profile: testdata/parca/pkg/parca/testdata/labels.pb.gz
args: -tui_size=120x24
expect: Interpreted
keys:
:tagfocus=1:2<Enter><Dump>s<Dump>

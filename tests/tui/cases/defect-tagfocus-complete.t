# :tagfocus=<Tab> offers label keys, then the values of the key typed.
profile: testdata/parca/pkg/parca/testdata/labels.pb.gz
args: -tui_size=120x24
expect: :tagfocus=api=
reject: no completions
keys:
:tagfocus=<Tab><Dump><Esc>

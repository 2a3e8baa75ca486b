# :traces opens the traces view: one block per stack, heaviest first, with labels; } moves to
# the next stack; Enter on a frame peeks at its function.
profile: testdata/parca/pkg/parca/testdata/labels.pb.gz
expect: traces:
expect: stack 1/
expect: stack 2/
expect: callers
keys:
:traces<Enter><Dump>}<Dump><Enter><Dump>

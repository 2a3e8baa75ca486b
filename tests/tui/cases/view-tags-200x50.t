# The tags view at 200x50 on a heap profile with numeric (bytes) labels.
profile: heap
args: -tui_size=200x50
expect: bytes: total
keys:
:tags<Enter><Dump>

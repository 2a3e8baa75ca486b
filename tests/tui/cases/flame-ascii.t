# Without a UTF-8 locale the flame view is ASCII: | edges, : for inlined calls and narrow frames.
env: LANG=C
expect: |runtime.mapiternext
expect: :Abs
expect: |all
reject: ▏
reject: ╎
keys:
F

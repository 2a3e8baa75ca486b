# A fuzzed profile whose -mean frames outgrow their parents past int range: the flame view
# draws what fits (the root and the chain over it), and zooming and moving stay in bounds.
profile: tests/flame/wrapped-mean.pb
args: -tui_size=80x24 -mean -granularity=addresses -noinlines
expect: 0000000000415d0f <unknown>
keys:
F<Dump>kkk<Enter><Dump>

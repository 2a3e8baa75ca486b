# A theme that says "flame = heat" colours flame frames by heat (h hot, w warm, c cold)
# instead of by package; "flame = package" (the default theme) by a stable hash of the
# package (flame1..flame6: the runtime frames all one colour).
env: PVIEW_THEME=@ROOT@/tests/tui/heat.theme
expect: hhhhhhhhhhhhhhhhhhhh
reject: 44444
keys:
F<DumpRoles>

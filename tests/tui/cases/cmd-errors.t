# Errors are pprof's words: unknown commands, bad values, bad regexes.
expect: unrecognized command: "frobnicate"
expect: did you mean: focus=main
expect: error parsing regexp
expect: no filters
keys:
:frobnicate<Enter><Dump>:focus main<Enter><Dump>:focus=(<Enter><Dump>

# :peek RE opens the peek view of the heaviest function matching RE (pprof's peek word).
expect: ▶ runtime.mapassign_fast64
expect: callers
reject: not available
keys:
:peek mapassign<Enter><Dump>

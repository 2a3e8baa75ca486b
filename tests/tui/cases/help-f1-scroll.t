# F1 opens the help; PgDn scrolls it; Esc closes it.
expect: help: lines 41-60 of 61
expect: The : prompt takes pprof's words
expect: 1/14
keys:
<F1><PgDn><PgDn><Dump><Esc><Dump>

# F1 opens the help; PgDn scrolls it (to the list view's keys); End goes to the last page,
# the : commands; Esc closes it.
expect: help: lines 41-60 of 99
expect: help: lines 80-99 of 99
expect: save [FILE]
expect: 1/14
keys:
<F1><PgDn><PgDn><Dump><End><Dump><Esc><Dump>

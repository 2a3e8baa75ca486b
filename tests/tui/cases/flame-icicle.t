# v flips the graph: the root on top (icicle), k then moves towards the root.
expect: icicle: root on top
expect: functions · sort=flat  │ no filters
reject: flame: root at the bottom
keys:
Fjjv<Dump>k

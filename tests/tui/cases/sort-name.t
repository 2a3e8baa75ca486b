# s twice sorts by name.
expect: sort=name
expect: 11/14  flat 1.28s (72.73%)  cum 1.37s (77.84%)  runtime.mapiternext
expect:      0.15s  8.52%  8.52%      1.76s   100%  main.busyLoop
keys:
ss<Dump>g

# s sorts by cum: pprof's -top -cum order, shown in the breadcrumbs.
expect: sort=cum
expect: sort=cum  │ no filters
expect:      0.15s  8.52%  8.52%      1.76s   100%  main.busyLoop
reject: sort=flat
keys:
s

# :top shows the top table sorted by flat with every row (pprof's top10 is a one-shot: no
# hidden limit stays, and no crumb); :top3 -cum sorts by cum, the header says so.
expect: functions · sort=flat  │ no filters
expect: 14/14
expect: functions · sort=cum  │ no filters
expect:      0.15s  8.52%  8.52%      1.76s   100%  main.busyLoop
reject: nodecount
reject: top3
keys:
:top<Enter>G<Dump>:top3 -cum<Enter><Dump>

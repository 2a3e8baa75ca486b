# i ignores the selected row: its samples leave the table.
expect: ignore=^runtime\.mapiternext$
expect: 1/10
expect:      0.15s  8.52%  8.52%      0.39s 22.16%  main.busyLoop
reject:   runtime.mapiternext
keys:
i

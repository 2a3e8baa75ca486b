# f focuses on the selected row with an escaped, anchored regex.
expect: focus=^runtime\.mapassign_fast64$
expect: 2/9
expect:      0.04s  2.27%  5.68%      0.13s  7.39%  runtime.mapassign_fast64
reject:   runtime.mapiternext
reject: math.Abs
keys:
jjjjjf

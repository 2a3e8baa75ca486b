# /RE in the flame view selects the first match, highlights the others (M) and says the share
# of the total whose stacks match, each sample once (frames coloured by package: runtime is
# flame4 throughout): pprof -top -focus='evacuate|Abs'
# -nodefraction=0 says "Showing nodes accounting for 0.18s, 10.23% of 1.76s total".
expect: /evacuate|Abs matched 0.18s, 10.23% of 1.76s total
expect: runtime.evacuate  total 0.07s (3.98% zoom, 3.98% all)  self 0.06s
expect: 4.............................................................SSS4
expect: 44444444444444444444..........................................444444MMMMM
keys:
F/evacuate|Abs<Enter><DumpRoles>

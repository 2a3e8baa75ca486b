# Enter opens the peek view: callers above, the function, callees below, with weights.
expect: callers
expect: callees
expect: ▶ main.busyLoop  flat 0.15s (8.52%)  cum 1.76s (100%)
expect:      1.76s    100%   100%  ▲ main.main
expect:      1.37s  77.84% 77.84%  ▼ runtime.mapiternext
keys:
j<Enter>

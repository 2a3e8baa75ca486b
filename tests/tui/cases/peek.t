# Enter opens the peek view: callers above, the function, callees below, with weights.
expect: callers
expect: callees
expect:      1.76s    100%  flat 0.15s (8.52%)  ▶ main.busyLoop
expect:      1.76s    100%   100%  ▲ main.main
expect:      1.37s  77.84% 77.84%  ▼ runtime.mapiternext
keys:
j<Enter>

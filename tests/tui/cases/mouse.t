# The wheel moves by three rows; a click selects the row under it; a double click peeks.
expect: 4/14  flat 0.06s
expect: 7/14  flat 0.03s
expect: 2/14  flat 0.15s
expect: callers
expect: 100%  flat 0.15s (8.52%)  ▶ main.busyLoop
keys:
<WheelDown><Dump><WheelDown><WheelUp><WheelDown><Dump><Click 4 50><Dump><DoubleClick 4 50><Dump>

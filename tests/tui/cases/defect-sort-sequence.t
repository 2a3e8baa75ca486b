# Whatever the header says is the order on screen: s s s (flat, cum, name, flat), then u
# (back to name order, over cum), u (cum), R (flat). The first row is the check: flat order
# starts with runtime.mapiternext, cum order with main.busyLoop, name order with main.busyLoop
# too but then main.main and math.Abs.
expect: functions · sort=cum
expect: functions · sort=name
expect: 1/14  flat 1.28s (72.73%)  cum 1.37s (77.84%)  runtime.mapiternext
reject: sort=flat  │ cum
keys:
s<Dump>s<Dump>s<Dump>u<Dump>u<Dump>R<Dump>

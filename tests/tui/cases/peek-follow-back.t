# Enter on a callee moves there; Esc goes back to the previous peek, then to the table.
expect: ▶ runtime.mapiternext
expect: ▶ main.busyLoop
expect: 2/14
keys:
j<Enter>j<Enter><Dump><Esc><Dump><Esc><Dump>

# h hides the selected row from stacks: its time moves to its callers.
expect: hide=^runtime\.mapiternext$
reject:   runtime.mapiternext
keys:
h

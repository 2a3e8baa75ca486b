# I toggles noinlines: inlined functions are charged to their callers.
expect: noinlines
expect: · noinlines  │
reject: (inline)
keys:
I

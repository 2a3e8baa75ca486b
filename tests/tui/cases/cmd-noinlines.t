# :noinlines=true charges inlined functions to their callers.
expect: · noinlines  │
reject: math.Abs (inline)
keys:
:noinlines=true<Enter>

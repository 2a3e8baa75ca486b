# :noinlines=true charges inlined functions to their callers.
expect: noinlines=true
reject: math.Abs (inline)
keys:
:noinlines=true<Enter>

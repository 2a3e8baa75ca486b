# u undoes one step of the breadcrumb trail at a time.
expect: focus=^runtime\.mapiternext$ › ignore=^runtime\.add$
expect: │ focus=^runtime\.mapiternext$
expect: nothing to undo
keys:
fj<Dump>i<Dump>u<Dump>uu<Dump>

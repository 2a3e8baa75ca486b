# :cum sorts by cum, :flat by flat.
expect: sort=cum
expect: sort=flat
expect: sort=flat  │ no filters
keys:
:cum<Enter><Dump>:flat<Enter><Dump>

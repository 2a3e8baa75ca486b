# :cum sorts by cum, :flat by flat.
expect: sort=cum
expect: sort=flat
expect: │ cum › flat
keys:
:cum<Enter><Dump>:flat<Enter><Dump>

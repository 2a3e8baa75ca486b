# :nodecount=N limits the rows; :unit=ms changes the unit of values.
expect: nodecount=5
expect: 5/5
expect: unit=ms
expect: 1280ms
keys:
:nodecount=5<Enter>G<Dump>:unit=ms<Enter><Dump>

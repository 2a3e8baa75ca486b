# :nodecount=N limits the rows; :unit=ms changes the unit of values.
expect: functions · sort=flat · nodecount=5
expect: 5/5
expect: nodecount=5 · unit=ms
expect: 1280ms
keys:
:nodecount=5<Enter>G<Dump>:unit=ms<Enter><Dump>

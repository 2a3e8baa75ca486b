# :top shows pprof's top 10; :top3 -cum the top 3 by cum.
expect: nodecount=10
expect: 10/10
expect: top3 -cum
expect: sort=cum  nodecount=3
keys:
:top<Enter>G<Dump>:top3 -cum<Enter><Dump>

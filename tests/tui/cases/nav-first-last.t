# G and End select the last row, g and Home the first.
expect: 14/14  flat 0 (0%)  cum 0.02s (1.14%)  runtime.typedmemmove
expect: 1/14  flat 1.28s
keys:
G<Dump>g<Dump><End><Dump><Home><Dump>

# n and N go to the next and previous matches, wrapping around.
expect: 1/14  flat 1.28s
expect: 6/14  flat 0.04s (2.27%)  cum 0.13s (7.39%)  runtime.mapassign_fast64
expect: 9/14  flat 0.02s (1.14%)  cum 0.02s (1.14%)  runtime.memmove
expect: search wrapped around
keys:
/^runtime\.m<Enter><Dump>n<Dump>n<Dump>N<Dump>nnn<Dump>

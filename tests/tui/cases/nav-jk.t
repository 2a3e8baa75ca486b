# j and Down move down, k and Up move up: three down and one up selects row 3.
expect: 3/14  flat 0.11s (6.25%)  cum 0.11s (6.25%)  math.Abs (inline)
keys:
jj<Down>k<Up><Down>

# c collapses direct recursion (f -> f -> f drawn once): the tree loses the repeated frames.
profile: testdata/pprof/profile/testdata/cppbench.cpu
expect: recursion collapsed
keys:
F<Dump>c

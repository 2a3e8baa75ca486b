# A bad search regex is a message on the last line, not an exit. Search takes pprof's (RE2)
# spelling, as :focus= does: its error wording, (?i) and \d; and a pattern RE2 refuses (a
# repetition of a repetition, whose POSIX compilation grows without bound: a fuzzer ran one
# out of memory) is refused at once. After the errors the last good search still works.
expect: search: missing closing ): `(`
expect: search: invalid nested repetition operator: `++`
expect: 6/14  flat 0.04s (2.27%)  cum 0.13s (7.39%)  runtime.mapassign_fast64
keys:
/(<Enter><Dump>/p+++++++++++++++++++++++++++++++++++++++++++++++++^<Enter><Dump>/(?i)MAPASSIGN_FAST\d+<Enter><Dump>

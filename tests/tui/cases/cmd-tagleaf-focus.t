# f on a label pseudo frame whose name is new to the profile (a sample's two values of the
# key joined with a comma) focuses on that name: the rows keep only its samples.
profile: testdata/derived/handmade/labels.pb
expect: 50ms 23.81%   100%       50ms 23.81%  alice,alice
expect: focus=^alice,alice$
expect: 1/4  flat 50ms (23.81%)  cum 50ms (23.81%)  alice,alice
keys:
:tagleaf=user<Enter>gjj<Dump>f<Dump>

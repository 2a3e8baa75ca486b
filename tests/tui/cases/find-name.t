# # searches for the selected function's name: at lines granularity the next row of the same
# function is one n away (rows 1 and 2 here), and matches are highlighted (M in the roles).
args: -tui_size=100x24
expect: 2/54  flat 0.11s (6.25%)  cum 0.11s (6.25%)  runtime.mapiternext /usr/lib/google-golang/src/runtime
reject: no match
keys:
ddd#n<DumpRoles>

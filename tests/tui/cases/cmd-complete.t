# Tab completes commands and settings, their values, and function names.
expect: :granularity=
expect: :granularity=lines
expect: :focus=main.busyLoop
expect: completions:
keys:
:gran<Tab><Dump>li<Tab><Dump><C-u>focus=busy<Tab><Dump><C-u>focus=runtime.ma<Tab><Dump>

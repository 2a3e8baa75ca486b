# :list without a regex, or one that matches nothing, says so and stays on the top table.
profile: testdata/golist/cpu.pprof
expect: command list requires an argument
expect: list nomatch: no matches found for regexp: nomatch
keys:
:list<Enter><Dump>:list nomatch<Enter><Dump>

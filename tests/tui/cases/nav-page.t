# PgDn, C-f and Space move a screen (19 rows at 80x24) down, PgUp and C-b back.
profile: heap
expect: 20/974
expect: 58/974
expect: 39/974
expect: 1/974
keys:
<PgDn><Dump><C-f><Space><Dump><PgUp><Dump><C-b><C-b><Dump>

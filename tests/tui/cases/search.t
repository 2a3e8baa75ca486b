# / searches by regex: the first match is selected and every match is highlighted (M).
expect: 2/14
expect: SSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSMMMMSSS
expect: ...........wwwwww...................wwwwww.......MMM
expect: ...........wwwwww...................wwwwww..MMMMMMM
expect: M match
keys:
/busy|Abs<Enter>j<Up><Up><Down><DumpRoles>/runtime<Enter><DumpRoles>

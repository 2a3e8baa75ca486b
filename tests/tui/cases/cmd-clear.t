# A bare : clears focus, ignore, hide, tagfocus and tagignore, as pprof does.
expect: focus=map › hide=add › :
expect: 14/14
keys:
:focus=map<Enter>:hide=add<Enter><Dump>::<Enter>G<Dump>

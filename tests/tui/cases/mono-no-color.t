# NO_COLOR gives the monochrome theme: roles drawn with reverse, bold and underline only.
env: NO_COLOR=1
expect: S selection  fg=default bg=default reverse
expect: H header     fg=default bg=default bold reverse
reject: fg=red
keys:
<DumpRoles>

# A terminal without colours (vt100) gets the monochrome theme.
env: TERM=vt100
expect: S selection  fg=default bg=default reverse
reject: fg=cyan
keys:
<DumpRoles>

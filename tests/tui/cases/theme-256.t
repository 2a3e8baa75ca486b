# -theme 256 uses the 256-colour palette.
args: -tui_size=80x24 -theme 256
expect: H header     fg=231 bg=24 bold
expect: h hot        fg=196 bg=default bold
keys:
<DumpRoles>

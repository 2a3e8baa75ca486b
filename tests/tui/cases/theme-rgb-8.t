# A #rrggbb theme on a 8-colour terminal: each colour becomes the nearest palette colour.
env: TERM=xterm
args: -tui_size=80x24 -theme truecolor
reject: needs
expect: H header     fg=white bg=black bold
expect: h hot        fg=magenta bg=default bold
keys:
<DumpRoles>

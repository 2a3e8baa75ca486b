# A #rrggbb theme on a 256-colour terminal: each colour becomes the nearest palette colour.
env: TERM=xterm-256color
args: -tui_size=80x24 -theme truecolor
reject: needs
expect: H header     fg=231 bg=237 bold
keys:
<DumpRoles>

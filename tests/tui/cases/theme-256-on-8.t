# On an 8-colour terminal the 256 theme falls back to the default with a message.
env: TERM=xterm
args: -tui_size=80x24 -theme 256
expect: theme 256 needs 247 colours, the terminal has 8: using default
expect: H header     fg=white bg=blue bold
keys:
<DumpRoles>

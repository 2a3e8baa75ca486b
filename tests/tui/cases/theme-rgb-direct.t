# COLORTERM=truecolor on an xterm with xterm-direct installed: #rrggbb colours are kept exact,
# and palette numbers in a theme become their xterm RGB (208 is #ff8700).
env: TERM=xterm-256color
env: COLORTERM=truecolor
env: TERMINFO_DIRS=@ROOT@/tests/tui/terminfo:
env: PVIEW_THEME=@ROOT@/tests/tui/rgb-mixed.theme
expect: H header     fg=#f8f8f2 bg=#1f3a5f bold
expect: h hot        fg=#ff8700 bg=default bold
expect: c cold       fg=white bg=default
keys:
<DumpRoles>

# $PVIEW_THEME picks a theme; else theme = NAME in $XDG_CONFIG_HOME/pview/config.
env: XDG_CONFIG_HOME=@ROOT@/tests/tui/config
expect: S selection  fg=white bg=blue
keys:
<DumpRoles>

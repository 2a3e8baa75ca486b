# $PVIEW_THEME wins over the config file.
env: XDG_CONFIG_HOME=@ROOT@/tests/tui/config
env: PVIEW_THEME=monochrome
expect: S selection  fg=default bg=default reverse
keys:
<DumpRoles>

# A bad theme file is a warning and the default theme.
args: -tui_size=80x24 -theme tests/tui/bad.theme
expect: line 3: bad colour "purple"; using the default theme
expect: H header     fg=white bg=blue bold
keys:
<DumpRoles>

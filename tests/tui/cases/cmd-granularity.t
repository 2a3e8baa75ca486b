# :granularity=lines switches to lines.
args: -tui_size=160x24
expect: lines · sort=flat
expect: lines · sort=flat  │ no filters
expect: runtime.mapiternext /usr/lib/google-golang/src/runtime/hashmap.go:
keys:
:granularity=lines<Enter>

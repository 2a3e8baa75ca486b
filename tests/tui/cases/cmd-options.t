# :o and :options show the settings, with pprof's names.
expect: focus                     = map
expect: granularity               = functions
expect: nodefraction              = 0
keys:
:focus=map<Enter>:o<Enter><Dump><Esc>:options<Enter>

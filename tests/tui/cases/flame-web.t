# :web opens the flame view (pprof's browser command) and says so.
expect: web: the flame view is pview's web view
expect: ▏all
keys:
:web<Enter>

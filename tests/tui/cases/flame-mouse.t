# A click selects the frame under the pointer; a double click zooms into it.
expect: runtime.mapiternext  total 1.37s (77.84% zoom, 77.84% all)  self 1.28s
expect: runtime.mapassign_fast64  total 0.13s (100% zoom, 7.39% all)
keys:
F<Click 17 5><Dump><DoubleClick 17 64>

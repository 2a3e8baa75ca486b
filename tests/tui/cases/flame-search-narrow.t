# n/N walk the matches left to right, top down, including frames narrower than a cell:
# the view zooms until the selected match is at least a cell wide.
expect: /memmove matched 0.02s, 1.14% of 1.76s total
expect: runtime.typedmemmove  total 0.01s (7.69% zoom, 0.57% all)
expect: runtime.memmove  total 0.01s (7.69% zoom, 0.57% all)  self 0.01s
expect: ▏runtime.evacuate                                ▏memm…
keys:
F/memmove<Enter><Dump>n<Dump>nn<Dump>N

# F opens the flame view: the root at the bottom, frames as wide as their share, children
# heaviest first; inlined calls have a dashed edge; frames narrower than a cell are eighth blocks.
expect: ▏all
expect: ▏runtime.mapiternext                                          ▏mapa…╎Abs
expect: ╎o╎╎
expect: all  total 1.76s (100% zoom, 100% all)  self 0
expect: hjkl move  Enter/Esc zoom  0 reset  v flip  H hottest  s sandwich  c recursion
keys:
F

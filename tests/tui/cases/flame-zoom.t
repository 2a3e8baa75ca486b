# Enter zooms: the selected frame becomes the full-width root; Esc zooms back out one step,
# 0 resets the zoom, and Esc with no zoom left closes the view.
expect: runtime.mapassign_fast64  total 0.13s (100% zoom, 7.39% all)
expect: ▏runtime.growWork                          ╎tooM…▏type…
expect: runtime.growWork  total 0.07s (53.85% zoom, 3.98% all)
expect: runtime.mapassign_fast64  total 0.13s (7.39% zoom, 7.39% all)
expect: flat  flat%   sum%
keys:
Fkkkkl<Enter><Dump>k<Enter><Dump><Esc><Dump>j0<Dump><Esc>

# :sandwich opens the sandwich of the row selected in top (or of the function named): callers
# above, callees below; its total is the function's cum in top (0.13s).
expect: sandwich of runtime.mapassign_fast64: callers above, callees below
expect: callee runtime.mapassign_fast64  total 0.13s (100% centre, 7.39% all)
expect: ▏runtime.growWork                          ╎tooM…▏type…
expect: sandwich: no function nosuch
keys:
jjjjj:sandwich<Enter><Dump><Esc><Esc>:sandwich nosuch<Enter>

# s on a frame opens its sandwich: callers of every instance above, callees below, both rooted
# at the function, whose total is its cum in -top (0.29s for the recursive
# math/big.nat.convertWords). k past the centre goes to the callers; Enter on a callee
# re-centres the sandwich on it; c collapses the recursion in both halves.
profile: testdata/parca/pkg/query/testdata/fib.pb.gz
args: -tui_size=100x30
expect: sandwich of math/big.nat.convertWords: callers above, callees below
expect: callee math/big.nat.convertWords  total 0.29s (100% centre, 0.98% all)  self 0  every instance 0.29s
expect: caller math/big.nat.itoa  total 0.29s (100% centre, 0.98% all)
expect: ▏math/big.nat.itoa
expect: sandwich of math/big.nat.div: callers above, callees below
expect: callee math/big.nat.div  total
keys:
:flame<Enter>/convertWords<Enter>s<Dump>kk<Dump>jjjl<Enter><Dump>

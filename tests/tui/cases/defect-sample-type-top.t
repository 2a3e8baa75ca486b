# After t the selection stays on the selected function only if it is on the first screen of
# the new order; otherwise the first row is selected and the message says where it went.
profile: heap
expect: back to the top
expect: Type: alloc_space
expect: Type: inuse_objects
expect: back to the top: github.com
keys:
jjjjjjjjjjjjjj<Dump>t<Dump>

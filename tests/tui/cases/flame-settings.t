# Sample types, granularity and undo apply in the flame view: the tree is rebuilt and the
# selected function stays selected when it is still there.
expect: runtime.mapiternext  total 1.37s (77.84% zoom, 77.84% all)  self 1.28s
expect: runtime.mapiternext  total 137 (77.84% zoom, 77.84% all)  self 128
expect: ▏mapiternext hashmap.go
expect: Type: samples
keys:
Fkkkk<Dump>t<Dump>d<Dump>u

# t and T cycle the heap profile's four sample types.
profile: heap
expect: Type: alloc_space
expect: Type: inuse_objects
expect: Type: inuse_space
expect: Type: alloc_objects
expect: Type: inuse_objects
keys:
<Dump>t<Dump>t<Dump>t<Dump>TT<Dump>

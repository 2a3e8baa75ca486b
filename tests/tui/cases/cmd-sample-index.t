# :sample_index=NAME and a bare sample type name switch the sample type.
profile: heap
expect: Type: inuse_space
expect: Type: inuse_space
expect: Type: alloc_objects
expect: Type: alloc_objects
keys:
:sample_index=inuse_space<Enter><Dump>:alloc_objects<Enter><Dump>

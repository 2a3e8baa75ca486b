# Settings show as current values (sample type, granularity, noinlines); the crumbs keep
# the filters only; u undoes settings and filters alike, newest first.
profile: heap
args: -tui_size=120x30
expect: files · sort=flat · noinlines  │ focus=
expect: Type: inuse_objects
expect: files · sort=flat · noinlines  │ no filters
expect: files · sort=flat  │ no filters
expect: filefunctions · sort=flat  │ no filters
reject: sample_index=
reject: granularity=
keys:
tddIf<Dump>u<Dump>u<Dump>u<Dump>

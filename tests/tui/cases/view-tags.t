# :tags lists label keys with their values, shares and bars; Enter on a value applies
# tagfocus=key=^value$ (a crumb, undone by u); ! applies tagignore.
profile: testdata/parca/pkg/parca/testdata/labels.pb.gz
expect: api: total
expect: tagfocus=api=^query$
expect: tagignore=api=^query$
keys:
:tags<Enter><Dump><Enter><Dump>u:tags<Enter>!<Dump>

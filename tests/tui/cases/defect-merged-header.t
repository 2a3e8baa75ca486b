# The header names every merged file.
profile: heap
args: -tui_size=120x24 testdata/parca/pkg/parca/testdata/alloc_objects.pb.gz
expect: alloc_objects.pb.gz + alloc_objects.pb.gz
keys:
<Dump>

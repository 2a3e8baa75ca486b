# The diff view at 80x24: signed values under -diff_base, the base named in the header,
# growth and shrinkage roles.
profile: testdata/dd-trace-go/profiler/internal/fastdelta/testdata/block.after.pprof
args: -tui_size=80x24 -diff_base=testdata/dd-trace-go/profiler/internal/fastdelta/testdata/block.before.pprof
expect: growth
expect: block.after.pprof  Type: delay
expect: · diff_base=testdata
keys:
<DumpRoles>

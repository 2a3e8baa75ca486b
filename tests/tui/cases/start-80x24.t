# The first screen at 80x24: header, breadcrumbs, pprof's -top columns, first row selected.
expect: Type: cpu  Duration: 2s, Total samples = 1.76s (87.91%)
expect: functions · sort=flat
expect: no filters
expect:       flat  flat%   sum%        cum   cum%  name
expect:      1.28s 72.73% 72.73%      1.37s 77.84%  runtime.mapiternext
expect: 1/14  flat 1.28s (72.73%)  cum 1.37s (77.84%)  runtime.mapiternext
keys:
<DumpRoles>

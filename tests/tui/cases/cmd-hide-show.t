# :hide=RE, :show=RE and :show_from=RE
expect: hide=^runtime\.
expect: show=^main\.
expect: show_from=busyLoop
keys:
:hide=^runtime\.<Enter><Dump>:show=^main\.<Enter><Dump>:show_from=busyLoop<Enter><Dump>

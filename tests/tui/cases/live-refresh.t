# The live view (here on a file, refreshed on demand by the test mode's <Refresh>): the new
# profile replaces the model and the filters, the sort and the selected function stay; the
# header says when it came. c shows the change since the previous profile (the same file
# twice: everything cancels out), and c again goes back.
args: -tui_size=100x24
expect: live off · 
expect: live off · fetch 1  │ focus=^main\.busyLoop$
expect: sort=cum
expect: · change
expect: the change since the previous profile
expect: 1/14  flat 1.28s
reject: refresh failed
keys:
jfs<Refresh><Dump><Refresh>c<Dump>uuc<Dump>

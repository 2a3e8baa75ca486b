# In peek, the numbers keep their columns and the long name is what gets cut.
profile: tests/tui/longname.pb
expect:      780ms  78.00%  flat 700ms (70.00%)  ▶ ns::Engine<std::vector<std::pair<ns:
keys:
<Enter><Dump>

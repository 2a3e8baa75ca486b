# f on a function whose name has 4,168 characters focuses on it whole: its row stays, with
# its value, and the other function that is not under it goes away; w shows the name whole.
profile: tests/tui/longname.pb
args: -tui_size=100x30
expect: focus=^ns::Engine<std::vector
expect:      700ms 70.00% 70.00%      780ms 78.00%  ns::Engine<std::vector<std::pair<ns::Key0, ns::Value0>>
expect: Value59>>>::run(int)xxx
expect: name, lines 1-
reject: matched no samples
reject: helper
keys:
f<Dump>w<Dump><Space><Dump>q<Dump>

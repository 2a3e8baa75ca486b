# Up and Down recall earlier lines at the : prompt.
expect: :focus=busy
expect: :top3
keys:
:focus=busy<Enter>:top3<Enter>:<Up><Up><Dump><Down><Dump>

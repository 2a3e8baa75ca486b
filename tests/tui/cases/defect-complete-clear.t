# Tab completion lists candidates on the line above the prompt; nothing of a longer earlier
# text (the status line) stays behind them.
profile: heap
expect: 4 completions: alloc_objects alloc_space inuse_objects inuse_space
reject: inuse_space/
reject: inuse_space  
keys:
:sample_index=<Tab><Tab><Dump><Esc>

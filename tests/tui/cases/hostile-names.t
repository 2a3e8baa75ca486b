# Strings that try to talk to the terminal (OSC title and clipboard, CSI as a byte and as
# U+009B, NEL, ESC [2J, ST, BEL, CR, LF, TAB, DEL) in function names, file names, the sample
# type, a comment and the mapping file are shown escaped: in the table, the status line, the
# peek view, files granularity, prompt completion and the options view's profile lines.
profile: tests/tui/hostile.pb
args: -tui_size=100x30
expect: Type: cpu\x1b]0;pwned\x07
expect: osc.title\x1b]0;pwned\x07done
expect: osc.clip\x1b]52;c;cHduZWQ=\x07done
expect: csi.byte\x9b31mred
expect: csi.u009b\u009b31mred
expect: nel.u0085\u0085line
expect: esc.clear\x1b[2J\x1b[Hgone
expect: st\x1b\end
expect: bel\x07cr\x0dlf\x0aline
expect: tab\x09here.del\x7fend
expect: /src/\x1b]0;pwned\x07title.c
expect: File: evil\x1b]0;pwned\x07.so
expect: comment\x1b]0;pwned\x07 csi\x9b2J u009b\u009b31m cr\x0dlf\x0a bel\x07 end
keys:
<Dump>
<Enter><Dump><Esc>
:granularity=files<Enter><Dump>u
:focus=osc<Tab><Dump><Esc>
:options<Enter>G<Dump>

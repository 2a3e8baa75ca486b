# Control characters in names are escaped, never sent to the terminal.
profile: names
expect: evil\x1b[31mred\x07bell\x09tab
expect: focus=^evil\x1b\[31mred\x07bell\x09tab$
reject: 
keys:
jf

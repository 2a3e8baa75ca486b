# :help opens the help; :q quits (the keys after it are not read).
expect: Select the next row
reject: 3/14
keys:
:help<Enter><Dump><Esc>:q<Enter>jj<Dump>

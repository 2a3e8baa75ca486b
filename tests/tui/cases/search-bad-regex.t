# A bad search regex is a message on the last line, not an exit.
expect: search (: 
keys:
/(<Enter>

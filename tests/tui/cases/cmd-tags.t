# :tagfocus= and :tagignore= filter by tags (the heap profile has bytes tags).
profile: heap
expect: tagfocus=
expect: tagignore=
keys:
:tagfocus=1mb:<Enter><Dump>:tagignore=1mb:<Enter><Dump>


hello, world*
x
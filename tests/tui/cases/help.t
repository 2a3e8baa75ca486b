# ? opens the help, generated from the key table, with flat and cum explained.
expect: flat: the value where the function itself was running
expect: cum:  the value where it was anywhere on the stack
expect: j, Down
expect: Select the next row
expect: ?, F1
keys:
?

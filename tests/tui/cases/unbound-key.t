# A key with no binding says so on the message line.
expect: Z: unbound key (? for help)
keys:
Z

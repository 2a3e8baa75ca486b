# Without a UTF-8 locale everything is ASCII: ~ crops, | and > separate, non-ASCII is escaped.
profile: names
env: LANG=C
expect: \u51e6\u7406
expect: ~
expect: | focus=
expect: bad\xff\xfeutf8
expect: cafe\u0301.latte
reject: …
reject: ›
reject: 処
keys:
<Dump>jjf<Down><Dump>

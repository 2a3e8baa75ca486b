# :focus=RE and :ignore=RE set filters; an empty value clears one.
expect: focus=mapassign
expect: ignore=growWork
expect: ignore=
keys:
:focus=mapassign<Enter><Dump>:ignore=growWork<Enter><Dump>:ignore=<Enter><Dump>

# :top REGEX -REGEX focuses and ignores for the table, as pprof's top does.
expect: top runtime -mapiternext
expect: runtime.mapassign_fast64
reject:   runtime.mapiternext
keys:
:top runtime -mapiternext<Enter>

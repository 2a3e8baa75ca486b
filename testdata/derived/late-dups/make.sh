#!/bin/sh
# late-dups.pb.gz: 16,500 distinct heap samples (genprof -unique), then the same 16,500
# Sample fields again: every sample has an equal one, but none among the first 16,384 a
# loader reads. pprof's merge joins each pair (values doubled, the -mean quotients as they
# were). Needs build/bench/genprof; run from the repository root.
set -eu
out=testdata/derived/late-dups
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
build/bench/genprof -n 16500 -d 10 -f 400 -t 2 -unique -seed 5 -raw -q -o "$tmp/a.pb"
python3 - "$tmp/a.pb" "$tmp/b.pb" <<'PY'
import sys
d = open(sys.argv[1], 'rb').read()
def varint(b, i):
    r = s = 0
    while True:
        c = b[i]; i += 1; r |= (c & 0x7f) << s; s += 7
        if c < 0x80:
            return r, i
i, samples = 0, []
while i < len(d):
    start = i
    key, i = varint(d, i)
    wire = key & 7
    if wire == 0:
        _, i = varint(d, i)
    elif wire == 2:
        n, i = varint(d, i)
        i += n
    elif wire == 1:
        i += 8
    elif wire == 5:
        i += 4
    if key >> 3 == 2:
        samples.append(d[start:i])
# a message's fields may come in any order, repeated ones appended: the copies are samples too
open(sys.argv[2], 'wb').write(d + b''.join(samples))
PY
gzip -n -9 -c "$tmp/b.pb" > "$out/late-dups.pb.gz"

#!/usr/bin/env python3
"""Writes the profile.proto equivalent of a folded-stacks file, so that `go tool pprof`
(which cannot read folded stacks) can make the goldens pview's reading of the folded file
must match. An independent reading of the format: one Sample per line (duplicate stacks
are left for pprof to merge), one Function and one Location per distinct frame name,
sample type "samples" with the given unit (default "count").

    folded2pb.py IN.folded OUT.pb [UNIT]
"""
import sys


def varint(n):
    if n < 0:
        n += 1 << 64
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def field_varint(num, v):
    return varint(num << 3) + varint(v)


def field_bytes(num, b):
    return varint(num << 3 | 2) + varint(len(b)) + b


def main():
    src, dst = sys.argv[1], sys.argv[2]
    unit = sys.argv[3] if len(sys.argv) > 3 else "count"
    strings = [""]
    index = {"": 0}

    def s(x):
        if x not in index:
            index[x] = len(strings)
            strings.append(x)
        return index[x]

    funcs = {}  # name -> id
    samples = []
    with open(src, "rb") as f:
        for raw in f.read().decode("utf-8").split("\n"):
            line = raw.strip(" \t\r")
            if not line:
                continue
            stack, count = line.rsplit(None, 1)
            frames = stack.rstrip(" \t").split(";")
            ids = []
            for fr in reversed(frames):  # leaf first
                if fr not in funcs:
                    funcs[fr] = len(funcs) + 1
                ids.append(funcs[fr])
            samples.append((ids, int(count)))

    out = bytearray()
    out += field_bytes(1, field_varint(1, s("samples")) + field_varint(2, s(unit)))
    for ids, count in samples:
        locs = b"".join(varint(i) for i in ids)
        out += field_bytes(2, field_bytes(1, locs) + field_bytes(2, varint(count)))
    for name, fid in funcs.items():
        out += field_bytes(4, field_varint(1, fid) + field_bytes(4, field_varint(1, fid)))
        n = s(name)
        out += field_bytes(5, field_varint(1, fid) + field_varint(2, n) + field_varint(3, n))
    for st in strings:
        out += field_bytes(6, st.encode("utf-8"))
    with open(dst, "wb") as f:
        f.write(out)


main()

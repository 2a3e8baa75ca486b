#!/usr/bin/env python3
"""Writes tests/tui/longname.pb: a tiny CPU profile whose hottest function has a name of
4,168 characters (a C++ template instantiation, as real ones are), for the tests that `f`
focuses on it whole and that `w` shows it whole. Run from the top of the source tree."""


def varint(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        out.append(b | 0x80 if n else b)
        if not n:
            return bytes(out)


def field(num, wire, payload):
    key = varint(num << 3 | wire)
    return key + (varint(payload) if wire == 0 else varint(len(payload)) + payload)


strings = [b""]


def s(text):
    b = text.encode()
    if b not in strings:
        strings.append(b)
    return strings.index(b)


inner = ", ".join("std::vector<std::pair<ns::Key%d, ns::Value%d>>" % (i, i) for i in range(60))
long_name = "ns::Engine<" + inner + ">::run(int)"
long_name = long_name + "x" * (4168 - len(long_name))
assert len(long_name) == 4168
funcs = [long_name, "main", "helper", "ns::Engine<int>::stop()"]
p = b""
p += field(1, 2, field(1, 0, s("samples")) + field(2, 0, s("count")))
p += field(1, 2, field(1, 0, s("cpu")) + field(2, 0, s("nanoseconds")))
for i, f in enumerate(funcs, 1):
    p += field(5, 2, field(1, 0, i) + field(2, 0, s(f)) + field(3, 0, s(f)) + field(4, 0, s("engine.cc")))
    p += field(4, 2, field(1, 0, i) + field(3, 0, 0x1000 + i) + field(4, 2, field(1, 0, i) + field(2, 0, 10 * i)))
# stacks (leaf first): long -> main; helper -> main; stop -> long -> main; main
for stack, v in (([1, 2], 70), ([3, 2], 20), ([4, 1, 2], 8), ([2], 2)):
    loc = b"".join(varint(x) for x in stack)
    val = varint(v) + varint(v * 10000000)
    p += field(2, 2, field(1, 2, loc) + field(2, 2, val))
p += field(11, 2, field(1, 0, s("cpu")) + field(2, 0, s("nanoseconds")))
p += field(12, 0, 10000000)
out = b"".join(field(6, 2, x) for x in strings)
open("tests/tui/longname.pb", "wb").write(p + out)

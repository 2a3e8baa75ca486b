#!/usr/bin/env python3
"""Writes tests/tui/names.pb: a tiny CPU profile whose function names are hostile to a
terminal: a long C++ name, control characters, wide (CJK) characters, a combining accent and
invalid UTF-8. The screen tests check that they are escaped and cropped by display width.
Run from the top of the source tree: python3 tests/tui/make-names.py"""


def varint(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def field(num, wire, payload):
    key = varint(num << 3 | wire)
    if wire == 0:
        return key + varint(payload)
    return key + varint(len(payload)) + payload


def msg(*parts):
    return b"".join(parts)


strings = [b""]


def s(text):
    b = text if isinstance(text, bytes) else text.encode()
    if b not in strings:
        strings.append(b)
    return strings.index(b)


names = [
    "main.main",
    "std::__1::unordered_map<std::__1::basic_string<char, std::__1::char_traits<char>, "
    "std::__1::allocator<char> >, std::__1::vector<int, std::__1::allocator<int> > >"
    "::operator[](std::__1::basic_string<char, std::__1::char_traits<char>, "
    "std::__1::allocator<char> > const&)",
    b"evil\x1b[31mred\x07bell\ttab",
    "\u51e6\u7406\u8acb\u6c42.handleRequest_\u65e5\u672c\u8a9e\u306e\u95a2\u6570\u540d_with_a_long_tail_"
    "that_must_be_cropped_on_a_column_boundary",
    "cafe\u0301.latte",
    b"bad\xff\xfeutf8",
]

sample_type = field(1, 2, msg(field(1, 0, s("samples")), field(2, 0, s("count")))) + \
    field(1, 2, msg(field(1, 0, s("cpu")), field(2, 0, s("nanoseconds"))))
functions = b""
locations = b""
for i, n in enumerate(names, start=1):
    functions += field(5, 2, msg(field(1, 0, i), field(2, 0, s(n)), field(3, 0, s(n)),
                                 field(4, 0, s("/src/names.cc"))))
    locations += field(4, 2, msg(field(1, 0, i), field(3, 0, 0x1000 + i),
                                 field(4, 2, msg(field(1, 0, i), field(2, 0, 10 * i)))))


def packed(vals):
    return b"".join(varint(v) for v in vals)


samples = b""
for i in range(2, len(names) + 1):
    weight = 10 * (len(names) + 1 - i)
    samples += field(2, 2, msg(field(1, 2, packed([i, 1])),
                               field(2, 2, packed([weight, weight * 10000000]))))
samples += field(2, 2, msg(field(1, 2, packed([1])), field(2, 2, packed([5, 50000000]))))

period_type = field(11, 2, msg(field(1, 0, s("cpu")), field(2, 0, s("nanoseconds"))))
profile = sample_type + samples + locations + functions + period_type + \
    field(12, 0, 10000000) + field(10, 0, 1000000000)
profile += b"".join(field(6, 2, x) for x in strings)
open("tests/tui/names.pb", "wb").write(profile)

#!/usr/bin/env python3
"""Writes two tiny CPU profiles for the screen and pty tests. Run from the top of the source
tree: python3 tests/tui/make-names.py

tests/tui/names.pb: function names hard to draw: a long C++ name, control characters, wide
(CJK) characters, a combining accent and invalid UTF-8 (escaped, cropped by display width).

tests/tui/hostile.pb: strings that try to talk to the terminal: ESC, BEL, CR, LF, TAB, DEL,
C1 controls (0x9b CSI as a byte and as U+009B, U+0085), OSC sequences that set the window
title and the clipboard, in function and file names, the sample type, a comment, the mapping
file name and a tag. None may reach the terminal raw."""


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


def packed(vals):
    return b"".join(varint(v) for v in vals)


def build(names, types, comments=(), mapping_file=None, tag=None):
    """A profile with one function and location per name; sample i+1 is a stack of function
    i+1 called by function 1 (the first name), weights falling with i."""
    del strings[1:]
    sample_type = b"".join(field(1, 2, msg(field(1, 0, s(t)), field(2, 0, s(u)))) for t, u in types)
    mappings = b""
    if mapping_file is not None:
        mappings = field(3, 2, msg(field(1, 0, 1), field(2, 0, 0x1000), field(3, 0, 0x100000),
                                   field(5, 0, s(mapping_file))))
    functions = b""
    locations = b""
    for i, n in enumerate(names, start=1):
        fname = n[1] if isinstance(n, tuple) else "/src/names.cc"
        n = n[0] if isinstance(n, tuple) else n
        functions += field(5, 2, msg(field(1, 0, i), field(2, 0, s(n)), field(3, 0, s(n)),
                                     field(4, 0, s(fname))))
        locations += field(4, 2, msg(field(1, 0, i),
                                     field(2, 0, 1) if mapping_file is not None else b"",
                                     field(3, 0, 0x1000 + i),
                                     field(4, 2, msg(field(1, 0, i), field(2, 0, 10 * i)))))
    labels = b""
    if tag is not None:
        labels = field(3, 2, msg(field(1, 0, s(tag[0])), field(2, 0, s(tag[1]))))
    samples = b""
    for i in range(2, len(names) + 1):
        weight = 10 * (len(names) + 1 - i)
        samples += field(2, 2, msg(field(1, 2, packed([i, 1])),
                                   field(2, 2, packed([weight, weight * 10000000])), labels))
    samples += field(2, 2, msg(field(1, 2, packed([1])), field(2, 2, packed([5, 50000000]))))
    period_type = field(11, 2, msg(field(1, 0, s("cpu")), field(2, 0, s("nanoseconds"))))
    profile = sample_type + samples + mappings + locations + functions + period_type + \
        field(12, 0, 10000000) + field(10, 0, 1000000000)
    profile += b"".join(field(13, 0, s(c)) for c in comments)
    profile += b"".join(field(6, 2, x) for x in strings)
    return profile


open("tests/tui/names.pb", "wb").write(build(names, [("samples", "count"), ("cpu", "nanoseconds")]))

OSC_TITLE = b"\x1b]0;pwned\x07"
OSC_CLIP = b"\x1b]52;c;cHduZWQ=\x07"
hostile = [
    "main.main",
    (b"osc.title" + OSC_TITLE + b"done", b"/src/" + OSC_TITLE + b"title.c"),
    (b"osc.clip" + OSC_CLIP + b"done", b"/src/clip" + OSC_CLIP + b".c"),
    b"csi.byte\x9b31mred",
    "csi.u009b\u009b31mred",
    "nel.u0085\u0085line",
    b"esc.clear\x1b[2J\x1b[Hgone",
    b"st\x1b\\end",
    b"bel\x07cr\rlf\nline",
    b"tab\there.del\x7fend",
]
open("tests/tui/hostile.pb", "wb").write(build(
    hostile,
    [("samples", "count"), (b"cpu" + OSC_TITLE, b"nanoseconds")],
    comments=[b"comment" + OSC_TITLE + b" csi\x9b2J u009b\xc2\x9b31m cr\rlf\n bel\x07 end"],
    mapping_file=b"/lib/evil" + OSC_TITLE + b".so",
    tag=(b"key" + OSC_TITLE, b"value" + OSC_CLIP)))

#!/usr/bin/env python3
"""Writes labels.pb: a small CPU profile whose labels and samples exercise the sample reports
(-traces, -tags, -raw, -proto) on what upstream files do not hold.

    python3 make_labels.py     # writes labels.pb here

- label keys and values with UTF-8, a tab, a newline and a 0xff byte (Go's tabwriter escape);
- one key with both string and numeric values; numeric values with and without units; a
  numeric key without any unit (pprof guesses one); a value repeated within a sample;
- samples equal but for the order of their labels, and two locations equal but for their
  ids (pprof's merge makes one of each); two samples that cancel out (+5, -5);
- a folded location, a function whose system name differs, an inlined frame.
"""
import importlib.util
import os

# the Profile builder of make.py beside this file (itself built on ../../bad/make.py)
_spec = importlib.util.spec_from_file_location("handmade_make", os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                                          "make.py"))
_make = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_make)
Profile, f_bytes, f_varint, packed = _make.Profile, _make.f_bytes, _make.f_varint, _make.packed


def label(p, key, s=None, num=None, unit=None):
    m = f_varint(1, p.s(key))
    if s is not None:
        m += f_varint(2, p.s(s))
    if num is not None:
        m += f_varint(3, num)
    if unit is not None:
        m += f_varint(4, p.s(unit))
    return f_bytes(3, m)


def sample(p, locs, vals, labels):
    p.body += f_bytes(2, packed(1, locs) + packed(2, vals) + b"".join(labels))


def labels_profile():
    p = Profile()
    p.sample_type("samples", "count")
    p.sample_type("cpu", "nanoseconds")
    p.mapping(1, 0x400000, 0x500000, "/opt/app/bin/app", "abc123")
    p.mapping(2, 0x7f0000000000, 0x7f0000100000, "/lib/libc.so.6")
    fn = [("main.main", "main.go"), ("main.serve", "main.go"), ("main.(*conn).read", "conn.go"),
          ("main.parse", "parse.go"), ("memcpy", "")]
    for i, (name, file) in enumerate(fn, 1):
        p.function(i, name, file)
    # function 6: a system name that differs from the name
    p.body += f_bytes(5, f_varint(1, 6) + f_varint(2, p.s("main.helper")) + f_varint(3, p.s("_ZN4main6helperEv")) +
                      f_varint(4, p.s("helper.go")) + f_varint(5, 40))
    p.location(1, 1, 0x401000, [(1, 10)])
    p.location(2, 1, 0x401100, [(2, 20)])
    p.location(3, 1, 0x401200, [(4, 31), (3, 30)])  # parse inlined into read
    p.location(4, 2, 0x7f0000001000, [(5, 0)])
    p.location(5, 1, 0x401300, [(6, 41)])
    p.location(6, 1, 0x401100, [(2, 20)])  # location 2 again under another id
    # location 7: folded, address only in libc
    p.body += f_bytes(4, f_varint(1, 7) + f_varint(2, 2) + f_varint(3, 0x7f0000002000) + f_varint(5, 1))
    ms = 1000000
    sample(p, [3, 2, 1], [1, 10 * ms], [label(p, "région", "île-de-france"), label(p, "user", "bob")])
    sample(p, [3, 6, 1], [2, 20 * ms], [label(p, "user", "bob"), label(p, "région", "île-de-france")])
    sample(p, [4, 3, 2, 1], [3, 30 * ms], [label(p, "note", "tab\there"), label(p, "bytes", num=2048, unit="bytes"),
                                           label(p, "bytes", num=3)])
    sample(p, [5, 2, 1], [4, 40 * ms], [label(p, "note", "two\nlines"), label(p, "k", "str"), label(p, "k", num=7),
                                        label(p, "request", num=4096)])
    sample(p, [7, 5, 1], [5, 50 * ms], [label(p, "note", "esc\udcffaped\udcff"), label(p, "user", "alice"),
                                        label(p, "user", "alice"), label(p, "latency", num=1500, unit="ms")])
    sample(p, [2, 1], [5, 5 * ms], [label(p, "user", "carol")])
    sample(p, [2, 1], [-5, -5 * ms], [label(p, "user", "carol")])
    sample(p, [4, 2, 1], [6, 60 * ms], [label(p, "bytes", num=1 << 20, unit="bytes"), label(p, "user", "bob")])
    p.scalar(9, 1700000000123456789)
    p.scalar(10, 12 * 1000 * ms + 345 * ms)
    p.body += f_bytes(11, f_varint(1, p.s("cpu")) + f_varint(2, p.s("nanoseconds")))
    p.scalar(12, 10 * ms)
    return p


if __name__ == "__main__":
    here = os.path.dirname(os.path.abspath(__file__))
    prof = labels_profile()
    # strings are written with surrogateescape so that "\udcff" becomes the raw byte 0xff
    table = b"".join(f_bytes(6, t.encode("utf-8", "surrogateescape")) for t in prof.strings)
    with open(os.path.join(here, "labels.pb"), "wb") as fh:
        fh.write(bytes(prof.body) + table)

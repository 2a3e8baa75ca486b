#!/usr/bin/env python3
"""Writes small hand-made pprof profiles that exercise rules no upstream file covers.

    python3 make.py        # writes dropframes.pb and urlmapping.pb here

Only the standard library: a minimal protobuf encoder for profile.proto's field numbers.
"""
import os
import sys

# the protobuf wire helpers of the bad-input generator
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "bad"))
from make import f_len as f_bytes, f_packed as packed, f_var as f_varint  # noqa: E402


class Profile:
    def __init__(self):
        self.strings = [""]
        self.body = bytearray()

    def s(self, text):
        if text not in self.strings:
            self.strings.append(text)
        return self.strings.index(text)

    def sample_type(self, t, u):
        self.body += f_bytes(1, f_varint(1, self.s(t)) + f_varint(2, self.s(u)))

    def sample(self, locs, vals):
        self.body += f_bytes(2, packed(1, locs) + packed(2, vals))

    def mapping(self, mid, start, limit, file, build_id=""):
        m = f_varint(1, mid) + f_varint(2, start) + f_varint(3, limit) + f_varint(5, self.s(file))
        if build_id:
            m += f_varint(6, self.s(build_id))
        m += f_varint(7, 1)
        self.body += f_bytes(3, m)

    def location(self, lid, mid, addr, lines):
        m = f_varint(1, lid) + f_varint(2, mid) + f_varint(3, addr)
        for fid, line in lines:
            m += f_bytes(4, f_varint(1, fid) + f_varint(2, line))
        self.body += f_bytes(4, m)

    def function(self, fid, name, file):
        self.body += f_bytes(5, f_varint(1, fid) + f_varint(2, self.s(name)) + f_varint(4, self.s(file)))

    def scalar(self, field, v):
        self.body += f_varint(field, v)

    def write(self, path):
        out = bytes(self.body) + b"".join(f_bytes(6, t.encode()) for t in self.strings)
        with open(path, "wb") as fh:
            fh.write(out)


def dropframes():
    """C++-style heap profile whose drop_frames/keep_frames prune allocator frames."""
    p = Profile()
    p.sample_type("alloc_space", "bytes")
    p.mapping(1, 0x400000, 0x500000, "/usr/bin/server")
    names = ["main", "Server::Handle(Request const&)", "std::vector<int>::push_back(int const&)",
             "operator new(unsigned long)", "malloc", "tc_malloc", "Cache::Fill()", "Arena::Alloc(unsigned long)"]
    for i, n in enumerate(names, 1):
        p.function(i, n, "/src/server.cc")
    # location 9 inlines push_back (line 1) into Handle (line 2)
    for i in range(1, 9):
        p.location(i, 1, 0x401000 + 16 * i, [(i, 10 * i)])
    p.location(9, 1, 0x402000, [(3, 77), (2, 21)])
    # stacks are leaf first
    p.sample([5, 4, 3, 2, 1], [1000])
    p.sample([6, 4, 9, 1], [700])
    p.sample([8, 7, 2, 1], [300])
    p.sample([5, 8, 7, 1], [50])
    p.sample([4, 5, 1], [25])
    p.scalar(7, p.s("malloc|tc_malloc|operator new.*"))
    p.scalar(8, p.s("tc_malloc"))
    p.scalar(9, 1700000000000000000)
    return p


def urlmapping():
    """A mapping whose file is a URL and no build id: pprof leaves File: out."""
    p = Profile()
    p.sample_type("samples", "count")
    p.mapping(1, 0x1000, 0x2000, "https://example.com/bin/server")
    p.function(1, "main.main", "main.go")
    p.function(2, "main.work", "main.go")
    p.location(1, 1, 0x1100, [(2, 12)])
    p.location(2, 1, 0x1200, [(1, 5)])
    p.sample([1, 2], [3])
    p.sample([2], [1])
    return p


if __name__ == "__main__":
    here = os.path.dirname(os.path.abspath(__file__))
    dropframes().write(os.path.join(here, "dropframes.pb"))
    urlmapping().write(os.path.join(here, "urlmapping.pb"))

#!/usr/bin/env python3
"""Generates the malformed and hostile inputs of the bad-input matrix (tests/badinput/).

    make.py DIR            small inputs (the ones committed in testdata/bad/)
    make.py --large DIR    large inputs, made at test time into the build dir:
                           deep-stack.pb.gz (100 000 frames), million-labels.pb.gz,
                           bomb-1g.gz (1 GiB of zeros in about 1 MB of gzip), bomb-256m.gz,
                           comments-400k.pb, idmap-collide-200k.pb (quadratic-time traps)

Python 3 standard library only. Deterministic: same bytes on every run.
Each profile is written by hand in the protobuf wire format (profile.proto field numbers), so a
case can break exactly one rule and keep everything else valid.
"""
import gzip
import os
import random
import struct
import sys
import zlib


# ---------- protobuf wire format ----------

def varint(v):
    if v < 0:
        v += 1 << 64  # int64 negatives are 10-byte varints
    out = bytearray()
    while True:
        b = v & 0x7F
        v >>= 7
        if v:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def key(field, wire):
    return varint(field << 3 | wire)


def f_var(field, v):
    return key(field, 0) + varint(v)


def f_len(field, data):
    return key(field, 2) + varint(len(data)) + data


def f_packed(field, vals):
    return f_len(field, b"".join(varint(v) for v in vals))


# ---------- profile builder ----------

class Prof:
    """A profile.proto message built field by field. Strings are interned on use."""

    def __init__(self):
        self.strings = [b""]
        self.index = {b"": 0}
        self.sample_types = []
        self.samples = []
        self.mappings = []
        self.locations = []
        self.functions = []
        self.tail = b""  # extra raw fields appended at the end
        self.period_type = None
        self.period = 0

    def s(self, text):
        if isinstance(text, str):
            text = text.encode()
        if text not in self.index:
            self.index[text] = len(self.strings)
            self.strings.append(text)
        return self.index[text]

    def sample_type(self, typ, unit):
        self.sample_types.append(f_var(1, self.s(typ)) + f_var(2, self.s(unit)))

    def mapping(self, mid, start=0, limit=0, offset=0, file="", build_id="", has_functions=False):
        m = f_var(1, mid) + f_var(2, start) + f_var(3, limit) + f_var(4, offset)
        m += f_var(5, self.s(file)) + f_var(6, self.s(build_id))
        if has_functions:
            m += f_var(7, 1) + f_var(8, 1) + f_var(9, 1)
        self.mappings.append(m)

    def function(self, fid, name, filename="x.go", name_idx=None):
        n = self.s(name) if name_idx is None else name_idx
        self.functions.append(f_var(1, fid) + f_var(2, n) + f_var(3, n) + f_var(4, self.s(filename)))

    def location(self, lid, funcs=(), mapping=0, address=0):
        loc = f_var(1, lid)
        if mapping:
            loc += f_var(2, mapping)
        if address:
            loc += f_var(3, address)
        for fid, line in funcs:
            loc += f_len(4, f_var(1, fid) + f_var(2, line))
        self.locations.append(loc)

    def sample(self, locs, values, labels=()):
        smp = f_packed(1, locs) + f_packed(2, values)
        for lab in labels:
            smp += f_len(3, lab)
        self.samples.append(smp)

    def label_str(self, k, v):
        return f_var(1, self.s(k)) + f_var(2, self.s(v))

    def encode(self):
        out = bytearray()
        for st in self.sample_types:
            out += f_len(1, st)
        for smp in self.samples:
            out += f_len(2, smp)
        for m in self.mappings:
            out += f_len(3, m)
        for loc in self.locations:
            out += f_len(4, loc)
        for fn in self.functions:
            out += f_len(5, fn)
        for s in self.strings:
            out += f_len(6, s)
        if self.period_type:
            out += f_len(11, f_var(1, self.s(self.period_type[0])) + f_var(2, self.s(self.period_type[1])))
            out += f_var(12, self.period)
        out += self.tail
        return bytes(out)


def basic(types=(("samples", "count"), ("cpu", "nanoseconds"))):
    """A small valid CPU-like profile: main -> work -> leaf, two samples."""
    p = Prof()
    for t, u in types:
        p.sample_type(t, u)
    p.function(1, "main.main", "main.go")
    p.function(2, "main.work", "main.go")
    p.function(3, "main.leaf", "main.go")
    p.location(1, [(1, 10)])
    p.location(2, [(2, 20)])
    p.location(3, [(3, 30)])
    p.sample([3, 2, 1], [1, 10000000][: len(types)])
    p.sample([2, 1], [2, 20000000][: len(types)])
    return p


def gz(data):
    # mtime=0: reproducible bytes
    return gzip.compress(data, compresslevel=6, mtime=0)


# ---------- small inputs (committed) ----------

def small():
    out = {}
    rnd = random.Random(20240229)

    out["valid.pb.gz"] = gz(basic().encode())
    out["empty.pb"] = b""
    out["random.bin"] = bytes(rnd.getrandbits(8) for _ in range(4096))
    whole = gz(basic().encode())
    out["truncated.pb.gz"] = whole[: len(whole) // 2]
    out["gzip-of-garbage.gz"] = gz(bytes(rnd.getrandbits(8) for _ in range(4096)))
    # gzip header, then bytes that are not deflate data
    out["corrupt-deflate.gz"] = whole[:10] + b"\xff" * 64 + whole[-8:]
    # valid protobuf of another schema: {1: "hello", 2: 42, 3: {1: "x"}}
    out["other-schema.pb"] = f_len(1, b"hello, world") + f_var(2, 42) + f_len(3, f_len(1, b"x"))
    # a text file
    out["text.txt"] = b"this is not a profile\n"

    p = basic()
    p.function(4, "bad", name_idx=99)
    p.location(4, [(4, 1)])
    p.sample([4], [1, 1])
    out["strindex-oob.pb"] = p.encode()

    p = basic()
    p.function(4, "bad", name_idx=-5)
    out["strindex-negative.pb"] = p.encode()

    p = basic()
    p.sample([1], [1, 1], labels=[f_var(1, p.s("key")) + f_var(2, 1000)])
    out["label-strindex-oob.pb"] = p.encode()

    p = basic()
    p.sample_types.append(f_var(1, 500) + f_var(2, 1))
    out["sampletype-strindex-oob.pb"] = p.encode()

    p = basic()
    p.mapping(0, 0x1000, 0x2000, file="/bin/x")
    out["id0-mapping.pb"] = p.encode()
    p = basic()
    p.function(0, "zero")
    out["id0-function.pb"] = p.encode()
    p = basic()
    p.location(0, [(1, 1)])
    out["id0-location.pb"] = p.encode()

    p = basic()
    p.mapping(7, 0x1000, 0x2000, file="/bin/x")
    p.mapping(7, 0x3000, 0x4000, file="/bin/y")
    out["dup-mapping.pb"] = p.encode()
    p = basic()
    p.function(2, "again")
    out["dup-function.pb"] = p.encode()
    p = basic()
    p.location(3, [(1, 5)])
    out["dup-location.pb"] = p.encode()

    p = basic()
    p.sample([99, 1], [1, 1])
    out["dangling-location.pb"] = p.encode()
    p = basic()
    p.location(4, [(99, 1)])
    out["dangling-function.pb"] = p.encode()
    p = basic()
    p.location(4, [(1, 1)], mapping=99, address=0x1234)
    p.sample([4], [5, 5])
    out["dangling-mapping.pb"] = p.encode()

    p = basic()
    p.sample([1], [1])
    out["wrong-value-count.pb"] = p.encode()
    p = basic()
    p.sample([1], [1, 2, 3])
    out["too-many-values.pb"] = p.encode()

    p = basic()
    p.sample([3, 2, 1], [-5, -70000000])
    out["negative.pb"] = p.encode()

    # two samples of INT64_MAX in one function: the sum does not fit in int64
    p = basic(types=(("samples", "count"),))
    p.samples = []
    i64max = (1 << 63) - 1
    p.sample([3, 2, 1], [i64max])
    p.sample([3, 2, 1], [i64max])
    p.sample([2, 1], [3])
    out["int64-overflow.pb"] = p.encode()

    # two different stacks of 2^63-1 each: the total and main.main's cum do not fit in int64
    p = basic(types=(("samples", "count"),))
    p.samples = []
    p.sample([3, 2, 1], [i64max])
    p.sample([2, 1], [i64max])
    out["int64-overflow-total.pb"] = p.encode()

    # string table entry claiming 1 GiB, in a file of about 100 bytes
    head = f_len(1, f_var(1, 1) + f_var(2, 2)) + f_len(6, b"") + f_len(6, b"samples") + f_len(6, b"count")
    out["strtab-1g-claim.pb"] = head + key(6, 2) + varint(1 << 30) + b"x" * (100 - len(head) - 6)
    # and a top-level field whose length prefix is a 10-byte varint (2^63)
    out["len-2p63.pb"] = key(6, 2) + varint(1 << 63) + b"\x00" * 20

    p = basic()
    p.function(4, b"bad\xff\xfename\xc3(", filename=b"f\xe9.go")
    p.location(4, [(4, 7)])
    p.sample([4, 1], [3, 30000000])
    out["invalid-utf8.pb"] = p.encode()

    out["heap.pb.gz"] = gz(basic(types=(("alloc_objects", "count"), ("alloc_space", "bytes"))).encode())

    p = basic()
    p.strings[0] = b"x"
    out["strtab0-nonempty.pb"] = p.encode()

    # sample_type string (field 6) sent as a varint: wire type mismatch
    out["wire-mismatch.pb"] = basic().encode() + f_var(6, 3)
    # ends inside a varint
    out["truncated-varint.pb"] = basic().encode() + b"\x10\xff\xff"
    # a Sample whose packed location ids end inside a varint
    p = basic()
    p.samples.append(f_len(1, b"\x81\x81") + f_packed(2, [1, 1]))
    out["bad-sample-message.pb"] = p.encode()
    # samples but no sample_type
    p = basic()
    p.sample_types = []
    out["no-sample-types.pb"] = p.encode()

    # address-only profile of testdata/symbolize/inl-exec (its build id); 0x401180 is in its text
    def addr_prof(file, build_id):
        q = Prof()
        q.sample_type("samples", "count")
        q.mapping(1, 0x401000, 0x402000, 0x1000, file=file, build_id=build_id)
        q.location(1, mapping=1, address=0x401180)
        q.location(2, mapping=1, address=0x4011a0)
        q.sample([1, 2], [7])
        return q.encode()

    out["addr-inl-exec.pb"] = addr_prof("/build/inl-exec", "fa3659d6bb89da2b17a16271ad1690c053a11823")
    out["addr-buildid-mismatch.pb"] = addr_prof("/build/inl-exec", "deadbeef")
    out["addr-missing-binary.pb"] = addr_prof("/no/such/binary", "")
    # legacy gperftools CPU profile (64-bit little-endian words): header, then a sample that
    # claims 10 frames but holds 2
    w = lambda *v: b"".join(struct.pack("<Q", x) for x in v)
    out["legacy-cpu-truncated.prof"] = w(0, 3, 0, 10000, 0) + w(5, 10, 0x401000, 0x402000)
    # legacy heap profile: a valid header, then a line that is not a sample
    out["legacy-heap-garbage.prof"] = (b"heap profile:    1:   100 [   1:   100] @ heapz_v2/524288\n"
                                       b"this is not a heap sample\n")
    # legacy text formats (profile/legacy_contention.c, legacy_thread.c, legacy_java.c):
    # truncated or garbled variants of the upstream test profiles
    ctz = b"--- contentionz 1 ---\ncycles/second = 3201000000\nsampling period = 100\n"
    out["legacy-contention-garbage.prof"] = ctz + b"  19490304       27 @ 0xbccc97 0xc61202\nthis is garbage\n"
    out["legacy-contention-truncated.prof"] = ctz + b"  19490304       27 @ 0xbccc97 0xc61202\n      76"
    out["legacy-contention-overflow.prof"] = ctz + b"  99999999999999999999       27 @ 0xbccc97\n"
    out["legacy-contention-address.prof"] = ctz + b"  768  1 @ 0xbccc97 0x11112222333344445\n"
    out["legacy-contention-attribute.prof"] = b"--- contentionz 1 ---\ncycles/second = 3201000000\nwall = 12\n"
    out["legacy-mutex-truncated.prof"] = b"--- mutex:\ncycles/second = 1000\n 12"
    thr = b"--- threadz 1 ---\n\n--- Thread 7f794ab90940 (name: main/14748) stack: ---\n  PC:  0x00bc8f1c: helper(arg *)\n"
    out["legacy-thread-garbage.prof"] = thr + b"--- Thread 7f79 garbled\n  0x0040be31: main\n"
    out["legacy-thread-truncated.prof"] = thr + b"  0x0040be31: main\n"
    out["legacy-thread-address.prof"] = thr + b"  0x11112222333344445: main\n--- Memory map: ---\n"
    gor = b"goroutine profile: total 2\n1 @ 0x103b125 0x106cd1f\n"
    out["legacy-goroutine-garbage.prof"] = gor + b"1 @ 0x103b125 main.f\n"
    out["legacy-goroutine-octal.prof"] = gor + b"09 @ 0x103b125\n"
    jh = b"--- heapz 1 ---\nformat = java\n"
    out["legacy-java-heap-no-resolution.prof"] = jh + b"          7048     1 @ 0x00000003 0x00000004\n"
    out["legacy-java-heap-zero-count.prof"] = jh + b"resolution = bytes\n          7048     0 @ 0x00000003\n"
    out["legacy-java-heap-address.prof"] = jh + b"resolution = bytes\n          7048     1 @ 0x111122223333444455\n"
    out["legacy-java-heap-format.prof"] = b"--- heapz 1 ---\nformat = cpp\n"
    out["legacy-java-contention-period.prof"] = (b"--- contentionz 1 ---\nformat = java\nresolution = microseconds\n"
                                                 b"sampling period = 1x\n")
    # Java binary CPU profile (header word 3 = 1): a sample claiming 10 frames holds 2
    out["legacy-java-cpu-truncated.prof"] = w(0, 3, 1, 10000, 0) + w(5, 10, 3, 4)
    # not bad, odd: legacy text profiles that pprof reads, for goldens (tests/golden/cases-legacy.txt)
    # mutex header, hex sampling period, comments, an unknown section before MAPPED_LIBRARIES,
    # a glog prefix and a $variable in the map
    out["legacy-edge-mutex.prof"] = (b"--- mutex:\nsampling period = 0x10\n# comment\n\n 100 2 @ 0x401001 0x402002\n"
                                     b" 50 1 @ 0x401001 0x403003 0x7f0000001001\n--- other section ---\nxyz\n"
                                     b"MAPPED_LIBRARIES:\nlog.cc:12] 00400000-00500000 r-xp 00000000 08:01 123 /bin/app\n"
                                     b"lib=/usr/lib\n7f0000000000-7f0000100000 r-xp 00000000 08:01 7 $lib/libc.so.6\n")
    # threadz without its header line: same-as-previous, a duplicated leaf, "no stack trace"
    out["legacy-edge-thread.prof"] = (b"# a comment\n--- Thread 7f794ab90940 (name: main/14748) stack: ---\n"
                                      b"  PC:  0x00bc8f1c: helper(arg *)\n  0x0040be31: main\n"
                                      b"--- Thread 7f794964e700 (name: t1/14751) stack: ---\n  [same as previous thread]\n"
                                      b"--- Thread 7f794964e701 (name: t2/14752) stack: ---\n"
                                      b"  PC: 0x7f794a32bf7d: nanosleep\n  0x7f794a32bf7e: dup\n"
                                      b"---- no stack trace for thread 7f\nfoo\n--- Memory map: ---\n"
                                      b"  00400000-00fcb000: /home/cppbench_server_main\n")
    # Go count profile: an octal count, a "---" section, then the map
    out["legacy-edge-threadcreate.prof"] = (b"threadcreate profile: total 3\n2 @ 0x44cb3 0x45045\n010 @ 0x44cb3\n---\n"
                                            b"--- Memory map: ---\n00040000-00050000 r-xp 00000000 08:01 1 /bin/go\n")
    # Java heap symbol lines of every form: file:line, nested and empty parentheses, library
    # paths, JIT stubs, bare names, bad line numbers, upper-case hex (not a location)
    out["legacy-edge-java.prof"] = (b"--- heapz 1 ---\nformat = java\nresolution = bytes\n"
                                    b" 100 1 @ 0x3 0x4 0x5 0x6 0x7 0x8 0x9 0xa 0xb 0xc 0xd 0xe\n 200 2 @ 0xf 0x10\n"
                                    b"0x3 foo (a (b.java:3)\n0x4 foo(bar) (x.java:-1)\n0x5  (x:1)\n0x6 a\t(b.java:2)\n"
                                    b"0x7 lib (/a/b/)\n0x8 lib ()\n0x9 generated stub/JIT x\n0xa a (b:c:12)\n"
                                    b"0xb x (y.java:007)\n 0xc   spaced  name   (z.java:99999999999999999999)\n"
                                    b"0xd q (r.java:12) \n0xE upper\n0xf a (b.java:)\n0x10 c (:5)\n")
    return out


# ---------- large inputs (made at test time) ----------

def deep_stack(n=100000):
    p = Prof()
    p.sample_type("samples", "count")
    p.sample_type("cpu", "nanoseconds")
    for i in range(1, n + 1):
        p.function(i, "f%d" % i, "deep.go")
        p.location(i, [(i, i)])
    p.sample(list(range(1, n + 1)), [1, 10000000])
    p.sample(list(range(n // 2, n + 1)), [2, 20000000])
    return gz(p.encode())


def million_labels(n=1000000):
    p = basic()
    k, v = p.s("key"), p.s("value")
    lab = f_len(3, f_var(1, k) + f_var(2, v))
    num = f_len(3, f_var(1, p.s("bytes")) + f_var(3, 4096))
    smp = f_packed(1, [3, 2, 1]) + f_packed(2, [5, 50000000]) + (lab + num) * (n // 2)
    p.samples.append(smp)
    return gz(p.encode())


def comments(n=400000):
    """n distinct comments: merging the file with itself deduplicates n x n comments."""
    p = basic()
    p.tail = f_packed(13, [p.s("comment %d" % i) for i in range(n)])
    return p.encode()


def idmap_collide(n=200000):
    """n location ids chosen so that pview's id hash (mix64, open addressing, power-of-two table)
    puts them all in the same slot: each insert probes past all the earlier ones."""
    c, mask = 0xFF51AFD7ED558CCD, (1 << 64) - 1
    cinv = pow(c, -1, 1 << 64)

    def unmix(h):  # inverse of load.c's mix64
        h ^= h >> 33
        h = (h * cinv) & mask
        return h ^ (h >> 33)

    p = basic()
    for k in range(1, n + 1):
        p.location(unmix(k << 24), [(1, 1)])
    return p.encode()


def bomb(path, size=1 << 30):
    """size bytes of zeros as gzip, written in chunks (bounded memory)."""
    chunk = b"\0" * (1 << 20)
    co = zlib.compressobj(9, zlib.DEFLATED, 31)
    with open(path, "wb") as f:
        for _ in range(size // len(chunk)):
            f.write(co.compress(chunk))
        f.write(co.flush())


def main():
    args = sys.argv[1:]
    large = args and args[0] == "--large"
    if large:
        args = args[1:]
    if len(args) != 1:
        sys.exit("usage: make.py [--large] DIR")
    d = args[0]
    os.makedirs(d, exist_ok=True)
    if large:
        for name, fn in (("deep-stack.pb.gz", deep_stack), ("million-labels.pb.gz", million_labels),
                         ("comments-400k.pb", comments), ("idmap-collide-200k.pb", idmap_collide)):
            with open(os.path.join(d, name), "wb") as f:
                f.write(fn())
        bomb(os.path.join(d, "bomb-1g.gz"))
        bomb(os.path.join(d, "bomb-256m.gz"), 256 << 20)
        return
    for name, data in sorted(small().items()):
        with open(os.path.join(d, name), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()

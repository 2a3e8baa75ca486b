#!/usr/bin/env python3
"""Writes arm64.pprof: an address-only CPU profile of listdemo-arm64.bin (listdemo built with
GOARCH=arm64), for -disasm on an arm64 Go binary without an arm64 machine. The samples are
made up, at fixed instruction offsets inside a few functions (symbol addresses from
`go tool nm -size`), deterministically.

    python3 make-arm64.py listdemo-arm64.bin arm64.pprof
"""
import gzip
import importlib.util
import os
import subprocess
import sys

here = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location(
    'symref', os.path.join(here, '..', '..', 'tests', 'symbolize-e2e', 'symbolize-ref.py'))
symref = importlib.util.module_from_spec(spec)
spec.loader.exec_module(symref)
encode, varint = symref.encode, symref.varint


def packed(vals):
    return b''.join(varint(v & 0xFFFFFFFFFFFFFFFF) for v in vals)


def main():
    binary, out = sys.argv[1], sys.argv[2]
    syms = {}
    for line in subprocess.run(['go', 'tool', 'nm', '-size', binary], capture_output=True, text=True,
                               check=True).stdout.splitlines():
        f = line.split()
        if len(f) == 4 and f[2] in 'Tt':
            syms[f[3]] = int(f[0], 16)
    strings = ['']

    def s(x):
        if x not in strings:
            strings.append(x)
        return strings.index(x)

    # (function, instruction offset) -> location id; stacks leaf first with a count of samples
    frames = [('main.work', 0x10), ('main.work', 0x4c), ('main.work', 0x50), ('main.work', 0x110),
              ('main.main', 0x44), ('runtime.mallocgc', 0x80), ('runtime.mallocgc', 0x84),
              ('main.sumAsm.abi0', 0x10), ('main.sumAsm.abi0', 0x14), ('runtime.main', 0xf0)]
    loc = {fr: i + 1 for i, fr in enumerate(frames)}
    stacks = [([('main.work', 0x4c), ('main.main', 0x44), ('runtime.main', 0xf0)], 7),
              ([('main.work', 0x50), ('main.main', 0x44), ('runtime.main', 0xf0)], 3),
              ([('main.work', 0x10), ('main.main', 0x44), ('runtime.main', 0xf0)], 1),
              ([('runtime.mallocgc', 0x80), ('main.work', 0x110), ('main.main', 0x44), ('runtime.main', 0xf0)], 2),
              ([('runtime.mallocgc', 0x84), ('main.work', 0x110), ('main.main', 0x44), ('runtime.main', 0xf0)], 4),
              ([('main.sumAsm.abi0', 0x10), ('main.work', 0x110), ('main.main', 0x44), ('runtime.main', 0xf0)], 5),
              ([('main.sumAsm.abi0', 0x14), ('main.work', 0x110), ('main.main', 0x44), ('runtime.main', 0xf0)], 6)]
    fields = [(1, 2, encode([(1, 0, s('samples')), (2, 0, s('count'))])),
              (1, 2, encode([(1, 0, s('cpu')), (2, 0, s('nanoseconds'))]))]
    for st, n in stacks:
        fields.append((2, 2, encode([(1, 2, packed([loc[f] for f in st])), (2, 2, packed([n, n * 10000000]))])))
    fields.append((3, 2, encode([(1, 0, 1), (2, 0, 0x10000), (3, 0, 0xc3000), (4, 0, 0),
                                 (5, 0, s('/tmp/pvarm/listdemo-arm64'))])))
    for fr in frames:
        fields.append((4, 2, encode([(1, 0, loc[fr]), (2, 0, 1), (3, 0, syms[fr[0]] + fr[1])])))
    fields.append((11, 2, encode([(1, 0, s('cpu')), (2, 0, s('nanoseconds'))])))
    fields.append((12, 0, 10000000))
    prof = encode(fields[:0]) + b''.join(encode([f]) for f in fields)
    prof += b''.join(encode([(6, 2, x.encode())]) for x in strings)
    with gzip.GzipFile(out, 'wb', mtime=0) as fh:
        fh.write(prof)


if __name__ == '__main__':
    main()

#!/usr/bin/env python3
"""Reference profiles for pview -list on native binaries.

    add-start-lines.py IN.pb.gz OUT.pb.gz BASENAME=FILE...

IN is a profile whose locations tests/symbolize-e2e/symbolize-ref.py symbolized with
llvm-symbolizer (frames only). This adds what pprof's list uses besides the frames: each
function's start line, from llvm-symbolizer's JSON output (its StartLine, DW_AT_decl_line),
asked for the addresses of the profile's locations in the named ELF FILEs. Everything else is
copied. `go tool pprof -symbolize=none -list` on OUT then applies pprof's own listing rules
to LLVM's frames and start lines: the reference for pview, which symbolizes in process.
"""
import gzip
import importlib.util
import json
import os
import subprocess
import sys

here = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location(
    'symref', os.path.join(here, '..', 'symbolize-e2e', 'symbolize-ref.py'))
symref = importlib.util.module_from_spec(spec)
spec.loader.exec_module(symref)


def main():
    src, dst = sys.argv[1], sys.argv[2]
    files = dict(a.split('=', 1) for a in sys.argv[3:])
    with gzip.open(src, 'rb') as fh:
        prof = symref.decode(fh.read())
    strings = [v.decode() for f, _, v in prof if f == 6]
    mappings = {}
    for f, _, v in prof:
        if f == 3:
            m = symref.decode(v)
            mappings[symref.get(m, 1)] = (symref.get(m, 2), symref.get(m, 4), strings[symref.get(m, 5)])
    # addresses per binary
    per_file = {}
    for f, _, v in prof:
        if f != 4:
            continue
        loc = symref.decode(v)
        mid, addr = symref.get(loc, 2), symref.get(loc, 3)
        if mid not in mappings:
            continue
        start, off, name = mappings[mid]
        path = files.get(os.path.basename(name))
        if not path:
            continue
        per_file.setdefault(path, set()).add(addr - start + off)
    start_line = {}
    for path, offs in per_file.items():
        segs = symref.load_segments(path)
        vaddrs = sorted(a for a in (symref.to_vaddr(segs, o) for o in offs) if a is not None)
        inp = ''.join('0x%x\n' % a for a in vaddrs)
        out = subprocess.run(['llvm-symbolizer', '--output-style=JSON', '--inlining', '--functions=linkage',
                              '--demangle', '--obj=' + path], input=inp, capture_output=True, text=True,
                             check=True).stdout
        for line in out.splitlines():
            if not line.strip():
                continue
            entries = json.loads(line)
            for entry in entries if isinstance(entries, list) else [entries]:
                for fr in entry.get('Symbol', []):
                    if fr.get('FunctionName') and fr.get('StartLine'):
                        start_line.setdefault(fr['FunctionName'], fr['StartLine'])
    outf = []
    for f, wt, v in prof:
        if f == 5:
            fn = [x for x in symref.decode(v) if x[0] != 5]
            sl = start_line.get(strings[symref.get(fn, 2)], 0)
            if sl:
                fn.append((5, 0, sl))
            v = symref.encode(fn)
        outf.append((f, wt, v))
    with gzip.GzipFile(dst, 'wb', mtime=0) as fh:
        fh.write(symref.encode(outf))


if __name__ == '__main__':
    main()

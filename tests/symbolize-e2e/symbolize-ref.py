#!/usr/bin/env python3
"""Independent reference symbolization for the pview end-to-end tests.

    symbolize-ref.py [--mangled] [--debug-dir=DIR] IN.pb.gz OUT.pb.gz BASENAME=FILE...

Reads an address-only pprof profile (gzipped protobuf), and for every mapping whose file's
basename is given on the command line, resolves each location's address with LLVM's
llvm-symbolizer (--inlining --functions=linkage --demangle) in the given ELF FILE, storing the
frames as the location's lines (innermost first, as pprof does), with functions and strings
added to the profile. With --mangled, llvm-symbolizer runs with --no-demangle as pprof runs it
(-demangle=false) and the names stay mangled, for `go tool pprof -symbolize=local` to demangle
and simplify them itself. --debug-dir=DIR is passed to llvm-symbolizer as
--debug-file-directory (separate debug files by build id under DIR/.build-id). Mappings not
named stay unsymbolized. Everything else in the profile is
copied field by field. The result is read by `go tool pprof -symbolize=none`, which then does
the aggregation and formatting of -top itself: frames from LLVM, report from pprof, pview in
neither.

Runtime address -> ELF virtual address: file offset = addr - memory_start + file_offset, then the
PT_LOAD segment that holds that offset gives vaddr = offset - p_offset + p_vaddr.
"""
import gzip
import os
import struct
import subprocess
import sys


# --- protobuf wire format -------------------------------------------------------------------

def read_varint(b, i):
    v = shift = 0
    while True:
        c = b[i]
        i += 1
        v |= (c & 0x7F) << shift
        shift += 7
        if c < 0x80:
            return v, i


def decode(b):
    """List of (field, wiretype, value); value is int for varint/fixed, bytes for len."""
    out, i = [], 0
    while i < len(b):
        key, i = read_varint(b, i)
        f, wt = key >> 3, key & 7
        if wt == 0:
            v, i = read_varint(b, i)
        elif wt == 1:
            v = struct.unpack_from('<Q', b, i)[0]
            i += 8
        elif wt == 2:
            n, i = read_varint(b, i)
            v = bytes(b[i:i + n])
            i += n
        elif wt == 5:
            v = struct.unpack_from('<I', b, i)[0]
            i += 4
        else:
            raise ValueError('wire type %d' % wt)
        out.append((f, wt, v))
    return out


def varint(v):
    out = bytearray()
    while True:
        c = v & 0x7F
        v >>= 7
        if v:
            out.append(c | 0x80)
        else:
            out.append(c)
            return bytes(out)


def encode(fields):
    out = bytearray()
    for f, wt, v in fields:
        out += varint(f << 3 | wt)
        if wt == 0:
            out += varint(v)
        elif wt == 1:
            out += struct.pack('<Q', v)
        elif wt == 2:
            out += varint(len(v)) + v
        elif wt == 5:
            out += struct.pack('<I', v)
    return bytes(out)


def get(fields, num, default=0):
    for f, _, v in fields:
        if f == num:
            return v
    return default


# --- ELF program headers ----------------------------------------------------------------------

def load_segments(path):
    with open(path, 'rb') as fh:
        data = fh.read()
    if data[:4] != b'\x7fELF' or data[4] != 2 or data[5] != 1:
        raise SystemExit('%s: not a little-endian ELF64 file' % path)
    phoff, = struct.unpack_from('<Q', data, 0x20)
    phentsize, phnum = struct.unpack_from('<HH', data, 0x36)
    segs = []
    for k in range(phnum):
        p_type, _, p_offset, p_vaddr, _, p_filesz = struct.unpack_from('<IIQQQQ', data, phoff + k * phentsize)
        if p_type == 1:  # PT_LOAD
            segs.append((p_offset, p_vaddr, p_filesz))
    return segs


def to_vaddr(segs, off):
    for p_offset, p_vaddr, p_filesz in segs:
        if p_offset <= off < p_offset + p_filesz:
            return off - p_offset + p_vaddr
    return None


# --- llvm-symbolizer --------------------------------------------------------------------------

DEMANGLE = '--demangle'
EXTRA = []


def symbolize(path, vaddrs):
    """vaddr -> [(function, file, line)] innermost first; [] where nothing is known."""
    if not vaddrs:
        return {}
    inp = ''.join('0x%x\n' % a for a in vaddrs)
    out = subprocess.run(['llvm-symbolizer', '--inlining', '--functions=linkage', DEMANGLE] + EXTRA + [
                          '--obj=' + path], input=inp, capture_output=True, text=True, check=True).stdout
    blocks = out.split('\n\n')
    res = {}
    for a, blk in zip(vaddrs, blocks):
        lines = [l for l in blk.split('\n') if l != '']
        frames = []
        for k in range(0, len(lines) - 1, 2):
            fn, loc = lines[k], lines[k + 1]
            fname, line = loc.rsplit(':', 2)[0], loc.rsplit(':', 2)[1]
            if fn == '??':
                continue
            if fname == '??':
                fname = ''
            frames.append((fn, fname, int(line)))
        res[a] = frames
    if len(blocks) < len(vaddrs):
        raise SystemExit('llvm-symbolizer answered %d of %d addresses' % (len(blocks), len(vaddrs)))
    return res


def main():
    global DEMANGLE
    if sys.argv[1:2] == ['--mangled']:
        DEMANGLE = '--no-demangle'
        del sys.argv[1]
    if sys.argv[1:2] and sys.argv[1].startswith('--debug-dir='):
        EXTRA.append('--debug-file-directory=' + sys.argv[1].split('=', 1)[1])
        del sys.argv[1]
    if len(sys.argv) < 3:
        raise SystemExit(__doc__)
    src, dst = sys.argv[1], sys.argv[2]
    files = dict(a.split('=', 1) for a in sys.argv[3:])
    prof = decode(gzip.decompress(open(src, 'rb').read()))
    strings = [v.decode() for f, _, v in prof if f == 6]
    string_ix = {s: k for k, s in enumerate(strings)}

    def intern(s):
        if s not in string_ix:
            string_ix[s] = len(strings)
            strings.append(s)
        return string_ix[s]

    mappings = {}  # id -> (fields, local file or None)
    for f, _, v in prof:
        if f == 3:
            m = decode(v)
            base = os.path.basename(strings[get(m, 5)])
            mappings[get(m, 1)] = (m, files.get(base))
    locs = [decode(v) for f, _, v in prof if f == 4]
    if any(get(l, 4, None) is not None for l in locs):
        raise SystemExit('%s: already has lines' % src)
    functions = [decode(v) for f, _, v in prof if f == 5]
    func_ix = {}

    def function(name, fname):
        key = (name, fname)
        if key not in func_ix:
            fid = len(functions) + 1
            functions.append([(1, 0, fid), (2, 0, intern(name)), (3, 0, intern(name)), (4, 0, intern(fname))])
            func_ix[key] = fid
        return func_ix[key]

    # symbolize, one llvm-symbolizer run per mapping
    per_map = {}
    for l in locs:
        per_map.setdefault(get(l, 2), []).append(l)
    new_locs = {}
    symbolized_maps = set()
    for mid, ls in per_map.items():
        m, path = mappings.get(mid, (None, None))
        if path is None:
            continue
        segs = load_segments(path)
        start, off = get(m, 2), get(m, 4)
        va = {}
        for l in ls:
            v = to_vaddr(segs, get(l, 3) - start + off)
            if v is not None:
                va[get(l, 1)] = v
        frames = symbolize(path, sorted(set(va.values())))
        for l in ls:
            fr = frames.get(va.get(get(l, 1)), [])
            lines = [(4, 2, encode([(1, 0, function(fn, fname)), (2, 0, line)])) for fn, fname, line in fr]
            new_locs[get(l, 1)] = l + lines
        symbolized_maps.add(mid)

    out = []
    loc_iter = iter(locs)
    for f, wt, v in prof:
        if f == 3:
            m = decode(v)
            if get(m, 1) in symbolized_maps:
                m = [x for x in m if x[0] not in (7, 8, 9, 10)] + [(k, 0, 1) for k in (7, 8, 9, 10)]
            out.append((3, 2, encode(m)))
        elif f == 4:
            l = next(loc_iter)
            out.append((4, 2, encode(new_locs.get(get(l, 1), l))))
        elif f in (5, 6):
            continue
        else:
            out.append((f, wt, v))
    out += [(5, 2, encode(fn)) for fn in functions]
    out += [(6, 2, s.encode()) for s in strings]
    with open(dst, 'wb') as fh:
        fh.write(gzip.compress(encode(out), mtime=0))


if __name__ == '__main__':
    main()

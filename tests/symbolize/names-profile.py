#!/usr/bin/env python3
"""names-profile.py NAMES OUT.pb.gz: a profile with one sample per line of NAMES, each a
function whose name and system name are that line (mapping flags set, so pprof does not
symbolize it), for go tool pprof to demangle (tests/symbolize/make-demangle-expected.sh)."""
import gzip, os, sys

from importlib.machinery import SourceFileLoader
ref = SourceFileLoader('ref', os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'symbolize-e2e', 'symbolize-ref.py')).load_module()
names = [l.rstrip('\n') for l in open(sys.argv[1]) if l.strip()]
strings = ['', 'samples', 'count', '/nonexistent/x']
def intern(s):
    strings.append(s); return len(strings) - 1
out = [(1, 2, ref.encode([(1, 0, 1), (2, 0, 2)]))]
out.append((3, 2, ref.encode([(1, 0, 1), (2, 0, 0x1000), (3, 0, 0x100000), (4, 0, 0), (5, 0, 3), (7, 0, 1), (8, 0, 1), (9, 0, 1), (10, 0, 1)])))
for i, n in enumerate(names):
    fid = i + 1
    s = intern(n)
    out.append((5, 2, ref.encode([(1, 0, fid), (2, 0, s), (3, 0, s), (4, 0, 0)])))
    out.append((4, 2, ref.encode([(1, 0, fid), (2, 0, 1), (3, 0, 0x1000 + i), (4, 2, ref.encode([(1, 0, fid), (2, 0, 1)]))])))
    out.append((2, 2, ref.encode([(1, 2, ref.varint(fid)), (2, 2, ref.varint(1))])))
out += [(6, 2, x.encode()) for x in strings]
open(sys.argv[2], 'wb').write(gzip.compress(ref.encode(out), mtime=0))

#!/bin/sh
# Rebuilds the split DWARF fixtures of testdata/symbolize/e2e/split/ from src/splitmain.c and
# src/splitwork.c and, with `profile` as argument, records their CPU profiles again (as
# build.sh does for the other end-to-end fixtures). The built files are committed; rerun only
# to change them (then rerun tests/symbolize-e2e/make-expected.sh and review the goldens).
#
# Built on Debian 12 with:
#   gcc (Debian 12.2.0-14+deb12u1) 12.2.0, clang 14.0.6, GNU ld 2.40
#   dwp (GNU Binutils for Debian) 2.40 (gold's), llvm-dwp 14.0.6
#   libgoogle-perftools4 2.10 (libprofiler.so), go1.19.8 (to convert the profiles to proto)
#
# split/splitc4   gcc -gdwarf-4 -gsplit-dwarf (GNU DebugFission skeletons), split/splitc4.dwp
#                 packaged by binutils' dwp
# split/splitc5   clang -gsplit-dwarf (DWARF 5 skeleton units), split/splitc5.dwp by llvm-dwp
#                 (gcc's DWARF 5 .dwo files cannot be packaged here: dwp 2.40 crashes on them
#                 and llvm-dwp 14 never finishes)
# split/llvm-dwp/splitc4      the same binary, its .dwo files packaged by llvm-dwp
# split/dwo/splitc4, splitc5  the same binaries with their .dwo files and no package
# split/nosplit/splitc4, splitc5  the same sources and flags without -gsplit-dwarf: the same
#                 .text byte for byte (checked here); references only (make-expected.sh), as
#                 llvm-symbolizer 14 drops inline frames of split units
# split/debuglink/splitc5    stripped; splitc5.debug found by .gnu_debuglink, splitc5.debug.dwp
# split/bad-*/splitc5         malformed packages beside a copy of splitc5
# The .dwo files are compiled as BIN-less names (splitmain4.dwo ...) from split/ with
# DW_AT_comp_dir mapped to /e2e/split, which does not exist where the tests run.
set -eu
cd "$(dirname "$0")"
CFLAGS="-O2 -g -fno-omit-frame-pointer -ffile-prefix-map=$PWD=/e2e"
rm -rf split && mkdir -p split/dwo split/nosplit split/llvm-dwp
(
    cd split
    gcc $CFLAGS -gdwarf-4 -gsplit-dwarf -c ../src/splitmain.c -o splitmain4.o
    gcc $CFLAGS -gdwarf-4 -gsplit-dwarf -c ../src/splitwork.c -o splitwork4.o
    gcc -o splitc4 splitmain4.o splitwork4.o
    clang $CFLAGS -gsplit-dwarf -c ../src/splitmain.c -o splitmain5.o
    clang $CFLAGS -gsplit-dwarf -c ../src/splitwork.c -o splitwork5.o
    clang -Wl,--build-id -o splitc5 splitmain5.o splitwork5.o
    dwp -o splitc4.dwp splitmain4.dwo splitwork4.dwo
    llvm-dwp -o llvm-dwp/splitc4.dwp splitmain4.dwo splitwork4.dwo
    llvm-dwp -o splitc5.dwp splitmain5.dwo splitwork5.dwo
    cp splitc4 llvm-dwp/
    cp splitc4 splitc5 ./*.dwo dwo/
    rm -f ./*.o ./*.dwo
    # stripped, its DWARF (the skeleton units) in a debug file found by .gnu_debuglink, the
    # package beside that debug file as <debug file>.dwp
    mkdir -p debuglink
    objcopy --only-keep-debug splitc5 debuglink/splitc5.debug
    strip --strip-debug -o debuglink/splitc5 splitc5
    (cd debuglink && objcopy --add-gnu-debuglink=splitc5.debug splitc5)
    cp splitc5.dwp debuglink/splitc5.debug.dwp
    gcc $CFLAGS -gdwarf-4 -o nosplit/splitc4 ../src/splitmain.c ../src/splitwork.c
    clang $CFLAGS -Wl,--build-id -o nosplit/splitc5 ../src/splitmain.c ../src/splitwork.c
    for b in splitc4 splitc5; do
        objcopy -O binary -j .text $b t1 && objcopy -O binary -j .text nosplit/$b t2
        cmp t1 t2 && rm t1 t2
    done
    # malformed packages: the index's slot count is not a power of two; a string offset
    # beyond .debug_str.dwo; the file cut short
    python3 - <<'PY'
import os, shutil, struct, subprocess
def section(path, name):
    out = subprocess.run(['readelf', '-S', '-W', path], capture_output=True, text=True).stdout
    for line in out.splitlines():
        f = line.replace('[ ', '[').split()
        if len(f) > 5 and f[1] == name:
            return int(f[4], 16), int(f[5], 16)
    raise SystemExit(name + ' not found')
for d in ('bad-index', 'bad-strings', 'bad-truncated'):
    os.makedirs(d, exist_ok=True)
    shutil.copy('splitc5', d)
    shutil.copy('splitc5.dwp', d)
data = bytearray(open('splitc5.dwp', 'rb').read())
off, _ = section('splitc5.dwp', '.debug_cu_index')
bad = bytearray(data); struct.pack_into('<I', bad, off + 12, 3)
open('bad-index/splitc5.dwp', 'wb').write(bad)
off, size = section('splitc5.dwp', '.debug_str_offsets.dwo')
bad = bytearray(data); struct.pack_into('<I', bad, off + 8, 0x7fffffff)  # first entry after the header
open('bad-strings/splitc5.dwp', 'wb').write(bad)
open('bad-truncated/splitc5.dwp', 'wb').write(data[:len(data) // 2])
PY
)

[ "${1:-}" = profile ] || exit 0

RUN=/tmp/pview-e2e-run
rm -rf $RUN && mkdir -p $RUN/lib
cp split/splitc4 split/splitc5 $RUN/
cp /usr/lib/x86_64-linux-gnu/libc.so.6 $RUN/lib/
for p in splitc4 splitc5; do
    (cd $RUN && LD_LIBRARY_PATH=$RUN/lib LD_PRELOAD=/usr/lib/x86_64-linux-gnu/libprofiler.so.0 CPUPROFILE=$p.prof \
        CPUPROFILE_FREQUENCY=1000 ./$p)
    id=$(readelf -n split/$p | sed -n 's/.*Build ID: //p')
    go tool pprof -proto -symbolize=none -buildid=$id $RUN/$p.prof > $p.pb.gz
done
rm -rf $RUN

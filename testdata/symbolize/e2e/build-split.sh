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
# split/abs/splitc4, splitc5  the same sources and flags compiled with absolute -o paths under
#                 /tmp/pview-split-abs (removed afterwards), DW_AT_comp_dir mapped by
#                 -fdebug-prefix-map (gcc 12 and clang 14 leave DW_AT_dwo_name absolute and
#                 unmapped), linked with the build ids of splitc4 and splitc5; their packages
#                 beside them, the .dwo files gone; abs-inline/splitc4 the same with
#                 -fno-merge-debug-strings (the names as inline strings, DW_FORM_string)
# split/types4/shapes, types5/shapes  ../src/shapes.cc built as build.sh builds ../shapes, plus
#                 -gsplit-dwarf -fdebug-types-section: gcc DWARF 4 (.debug_types.dwo and
#                 .debug_tu_index, binutils' dwp) and gcc DWARF 5 (type units in
#                 .debug_info.dwo, llvm-dwp: binutils' dwp 2.40 writes DWARF 5 units with a
#                 dwo_id of 0); linked with the build id of ../shapes, the same .text
# split/zlib/splitc5, zlib-gnu/splitc4  copies, their packages compressed by objcopy
#                 (--compress-debug-sections=zlib: SHF_COMPRESSED; =zlib-gnu: .zdebug_*)
# split/dwo-zlib/splitc4      a copy beside its .dwo files compressed (zlib)
# split/zstd/splitc5          a copy, its package compressed with zstd, which libelf 0.188
#                 cannot inflate
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
    # compressed packages and .dwo files
    mkdir -p zlib zlib-gnu dwo-zlib
    cp splitc5 zlib/ && objcopy --compress-debug-sections=zlib splitc5.dwp zlib/splitc5.dwp
    cp splitc4 zlib-gnu/ && objcopy --compress-debug-sections=zlib-gnu splitc4.dwp zlib-gnu/splitc4.dwp
    cp splitc4 dwo-zlib/
    mkdir -p zstd && cp splitc5 zstd/ && objcopy --compress-debug-sections=zstd splitc5.dwp zstd/splitc5.dwp
    for f in splitmain4.dwo splitwork4.dwo; do objcopy --compress-debug-sections=zlib dwo/$f dwo-zlib/$f; done
    # absolute DW_AT_dwo_name (the same file names and comp_dir as above once mapped)
    id4=$(readelf -n splitc4 | sed -n 's/.*Build ID: //p')
    id5=$(readelf -n splitc5 | sed -n 's/.*Build ID: //p')
    ABS=/tmp/pview-split-abs
    rm -rf $ABS && mkdir -p $ABS/split abs && ln -s "$(cd ../src && pwd)" $ABS/src
    (
        cd $ABS/split
        AFLAGS="$CFLAGS -fdebug-prefix-map=$ABS=/e2e"
        gcc $AFLAGS -gdwarf-4 -gsplit-dwarf -c ../src/splitmain.c -o $ABS/split/splitmain4.o
        gcc $AFLAGS -gdwarf-4 -gsplit-dwarf -c ../src/splitwork.c -o $ABS/split/splitwork4.o
        gcc -Wl,--build-id=0x$id4 -o splitc4 splitmain4.o splitwork4.o
        clang $AFLAGS -gsplit-dwarf -c ../src/splitmain.c -o $ABS/split/splitmain5.o
        clang $AFLAGS -gsplit-dwarf -c ../src/splitwork.c -o $ABS/split/splitwork5.o
        clang -Wl,--build-id=0x$id5 -o splitc5 splitmain5.o splitwork5.o
        dwp -o splitc4.dwp splitmain4.dwo splitwork4.dwo
        llvm-dwp -o splitc5.dwp splitmain5.dwo splitwork5.dwo
        # the names as inline strings (DW_FORM_string): gcc without string merging
        mkdir inline
        gcc $AFLAGS -gdwarf-4 -gsplit-dwarf -fno-merge-debug-strings -c ../src/splitmain.c -o $ABS/split/inline/splitmain4.o
        gcc $AFLAGS -gdwarf-4 -gsplit-dwarf -fno-merge-debug-strings -c ../src/splitwork.c -o $ABS/split/inline/splitwork4.o
        gcc -Wl,--build-id=0x$id4 -o inline/splitc4 inline/splitmain4.o inline/splitwork4.o
        dwp -o inline/splitc4.dwp inline/splitmain4.dwo inline/splitwork4.dwo
    )
    cp $ABS/split/splitc4 $ABS/split/splitc4.dwp $ABS/split/splitc5 $ABS/split/splitc5.dwp abs/
    mkdir -p abs-inline && cp $ABS/split/inline/splitc4 $ABS/split/inline/splitc4.dwp abs-inline/
    rm -rf $ABS
    readelf --debug-dump=info abs/splitc4 | grep -q "DW_AT_GNU_dwo_name.*: $ABS/split/splitmain4.dwo"
    readelf --debug-dump=info abs/splitc5 | grep -q "DW_AT_dwo_name.*: $ABS/split/splitmain5.dwo"
    readelf --debug-dump=info abs-inline/splitc4 | grep -q "DW_AT_GNU_dwo_name *: $ABS/split/inline/splitmain4.dwo"
    # type units, compiled from the directory build.sh compiles ../shapes in. gcc 12 gives this
    # unit another DW_AT_GNU_dwo_id (8 bytes, the binary's and its package's alike) on each run,
    # -frandom-seed or not: a rerun changes these files, and any run's pair is as good
    idsh=$(readelf -n ../shapes | sed -n 's/.*Build ID: //p')
    mkdir -p types4 types5
    (cd .. && g++ $CFLAGS -gdwarf-4 -gsplit-dwarf -fdebug-types-section -c src/shapes.cc -o split/shapes4.o)
    (cd .. && g++ $CFLAGS -gdwarf-5 -gsplit-dwarf -fdebug-types-section -c src/shapes.cc -o split/shapes5.o)
    g++ -Wl,--build-id=0x$idsh -o types4/shapes shapes4.o
    g++ -Wl,--build-id=0x$idsh -o types5/shapes shapes5.o
    dwp -o types4/shapes.dwp shapes4.dwo
    llvm-dwp -o types5/shapes.dwp shapes5.dwo
    readelf -S types4/shapes.dwp | grep -q debug_types.dwo
    readelf -S types4/shapes.dwp | grep -q debug_tu_index
    readelf -S types5/shapes.dwp | grep -q debug_tu_index
    rm -f shapes4.o shapes4.dwo shapes5.o shapes5.dwo
    for b in types4/shapes types5/shapes; do
        objcopy -O binary -j .text $b t1 && objcopy -O binary -j .text ../shapes t2
        cmp t1 t2 && rm t1 t2
    done
    gcc $CFLAGS -gdwarf-4 -o nosplit/splitc4 ../src/splitmain.c ../src/splitwork.c
    clang $CFLAGS -Wl,--build-id -o nosplit/splitc5 ../src/splitmain.c ../src/splitwork.c
    for b in splitc4 splitc5 abs/splitc4 abs/splitc5 abs-inline/splitc4; do
        objcopy -O binary -j .text $b t1 && objcopy -O binary -j .text nosplit/${b##*/} t2
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

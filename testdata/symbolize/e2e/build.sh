#!/bin/sh
# Rebuilds the end-to-end fixtures of testdata/symbolize/e2e/ from src/ and, with `profile`
# as argument, records their CPU profiles again. The built files and profiles are committed so
# the tests depend neither on the compiler nor on gperftools; rerun only to change them (then
# rerun tests/symbolize-e2e/make-expected.sh and review the goldens).
#
# Built on Debian 12 with:
#   gcc, g++ (Debian 12.2.0-14+deb12u1) 12.2.0
#   GNU ld (GNU Binutils for Debian) 2.40
#   libgoogle-perftools4 / google-perftools 2.10 (libprofiler.so)
#   go1.19.8 (go tool pprof, only to convert the legacy profile to proto)
set -eu
cd "$(dirname "$0")"
gcc --version | head -1
CFLAGS="-O2 -g -fno-omit-frame-pointer -ffile-prefix-map=$PWD=/e2e"

# PIE executable (gcc's default on Debian)
gcc $CFLAGS -o crc src/crc.c
# non-PIE executable
gcc $CFLAGS -no-pie -o matrix src/matrix.c
# its own shared library, and a PIE executable linked against it, found at run time by the
# dynamic linker through RPATH $ORIGIN
gcc $CFLAGS -shared -fPIC -o libburn.so src/burnlib.c
gcc $CFLAGS -o dlmain src/dlmain.c -L. -lburn -Wl,-rpath,'$ORIGIN'
# PIE calling into libc and into its own shared library (libsortlib.so)
gcc $CFLAGS -shared -fPIC -o libsortlib.so src/sortlib.c
gcc $CFLAGS -o sorter src/sorter.c -L. -lsortlib -Wl,-rpath,'$ORIGIN'
# Rust (PIE, v0 mangling): traits, generics, closures; frame pointers for gperftools' stacks,
# zlib-compressed DWARF to keep the file small (rustc 1.95.0)
rustc -O -g -C force-frame-pointers=yes -C symbol-mangling-version=v0 \
    -C link-arg=-Wl,--compress-debug-sections=zlib -o collatz ../rust/collatz.rs
# C++ (PIE): templates, lambdas, virtual calls, an anonymous namespace, gcc's clones
g++ $CFLAGS -o shapes src/shapes.cc

[ "${1:-}" = profile ] || exit 0

# CPU profiles with gperftools at 1000 Hz (the kernel's timer gives ~250 Hz here), recorded in a
# scratch directory so that the mapping's file is an absolute path that does not exist where the
# tests run: the tests must find the binaries through pview's [binary] argument or
# PPROF_BINARY_PATH. The legacy profile is converted to proto without symbolizing (addresses and
# mappings only). The C library is loaded from a copy in the scratch directory too
# (LD_LIBRARY_PATH), so that the tests never read the host's libc, whose version and debug
# files differ between machines: its frames stay unsymbolized ([libc.so.6]). -buildid stores
# the executable's GNU build id in the main mapping (gperftools records none), so that a wrong
# binary can be detected.
RUN=/tmp/pview-e2e-run
rm -rf $RUN && mkdir -p $RUN
mkdir -p $RUN/lib
cp crc matrix dlmain libburn.so shapes sorter libsortlib.so collatz $RUN/
cp /usr/lib/x86_64-linux-gnu/libc.so.6 $RUN/lib/
cp /usr/lib/x86_64-linux-gnu/libstdc++.so.6 /usr/lib/x86_64-linux-gnu/libgcc_s.so.1 $RUN/lib/
for p in crc matrix dlmain shapes sorter collatz; do
    arg=; [ $p = shapes ] && arg=4
    (cd $RUN && LD_LIBRARY_PATH=$RUN/lib LD_PRELOAD=/usr/lib/x86_64-linux-gnu/libprofiler.so.0 CPUPROFILE=$p.prof \
        CPUPROFILE_FREQUENCY=1000 ./$p $arg)
    id=$(readelf -n $p | sed -n 's/.*Build ID: //p')
    go tool pprof -proto -symbolize=none -buildid=$id $RUN/$p.prof > $p.pb.gz
done
rm -rf $RUN
# sorter's libc frames are symbolized from a committed copy of the C library it ran with and of
# its debug file from Debian's libc6-dbg (glibc/, found through PPROF_BINARY_PATH by name and
# by build id), so that they do not depend on the libc of the machine running the tests
mkdir -p glibc
cp /usr/lib/x86_64-linux-gnu/libc.so.6 glibc/  # the libc the profiles ran with
id=$(readelf -n glibc/libc.so.6 | sed -n 's/.*Build ID: //p')
mkdir -p glibc/.build-id/$(echo $id | cut -c1-2)
cp /usr/lib/debug/.build-id/$(echo $id | cut -c1-2)/$(echo $id | cut -c3-).debug glibc/.build-id/$(echo $id | cut -c1-2)/

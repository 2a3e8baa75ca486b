#!/bin/sh
# Rebuilds the self-made ELF fixtures of testdata/symbolize/ from src/. The built files are
# committed so the tests do not depend on the compiler; rerun this only to change them.
# Built on Debian 12 with gcc 12.2.0, GNU binutils 2.40 (objcopy, strip).
set -eu
cd "$(dirname "$0")"
CFLAGS="-O2 -g -fno-omit-frame-pointer -ffile-prefix-map=$PWD=/fixture"

# non-PIE executable with inlined frames
gcc $CFLAGS -no-pie -o inl-exec src/inl.c
# PIE executable
gcc $CFLAGS -fPIE -pie -o inl-pie src/inl.c
# shared object
gcc $CFLAGS -fPIC -shared -o libfix.so src/lib.c
# zlib-compressed debug sections (SHF_COMPRESSED)
objcopy --compress-debug-sections=zlib inl-pie inl-pie-zlib
# stripped PIE whose debug file is found by build id: debug/.build-id/xx/rest.debug
objcopy --only-keep-debug inl-pie inl-pie.debug
id=$(readelf -n inl-pie | sed -n 's/.*Build ID: //p')
mkdir -p "debug/.build-id/$(echo "$id" | cut -c1-2)"
mv inl-pie.debug "debug/.build-id/$(echo "$id" | cut -c1-2)/$(echo "$id" | cut -c3-).debug"
strip --strip-debug --strip-unneeded -o inl-pie-stripped inl-pie
# stripped executable found through .gnu_debuglink (the .debug file beside it)
objcopy --only-keep-debug inl-exec inl-exec-dl.debug
strip --strip-debug -o inl-exec-dl inl-exec
objcopy --add-gnu-debuglink=inl-exec-dl.debug inl-exec-dl
# symbols only (no DWARF): falls back to .symtab
strip --strip-debug -o inl-exec-nodwarf inl-exec
# C++ names
g++ $CFLAGS -no-pie -o cxx-exec src/cxx.cc
# split DWARF (DWARF 5 skeleton units, and DWARF 4 with GNU attributes), the .dwo files
# beside the binaries (gcc names them BIN-SRC.dwo; DW_AT_comp_dir is /fixture/split)
mkdir -p split split-nodwo
(cd split && gcc $CFLAGS -gsplit-dwarf -no-pie -o inl-split ../src/inl.c &&
    gcc $CFLAGS -gdwarf-4 -gsplit-dwarf -no-pie -o inl-split4 ../src/inl.c)
cp split/inl-split split-nodwo/   # its .dwo missing

# Bad inputs
printf 'this is not an ELF file\n' > bad-notelf
mkdir -p notelf && cp bad-notelf notelf/exe_linux_64  # a non-ELF file under a real binary's name
head -c 1500 inl-exec > bad-truncated
# corrupt: a valid ELF header whose section header table points far beyond the file
cp inl-exec bad-corrupt
printf '\377\377\377\377\377\377\000\000' | dd of=bad-corrupt bs=1 seek=40 conv=notrunc 2>/dev/null

#!/bin/bash
# Builds the libFuzzer harnesses with clang (ASan + UBSan), apart from the normal gcc build.
#
#   fuzz/build.sh [OUTDIR]     (default: build-fuzz/ at the top of the repo)
#
# Produces OUTDIR/fuzz_NAME for each harness fuzz/fuzz_NAME.c (see fuzz/harnesses). Needs clang
# (with its libFuzzer runtime), protoc-c and the -dev packages the main build uses.
# PV_LIBFUZZER is defined, which turns on the harnesses' custom mutators.
set -eu
SRC=$(cd "$(dirname "$0")/.." && pwd)
OUT=${1:-$SRC/build-fuzz}
CC=${CC:-clang}
mkdir -p "$OUT/proto" "$OUT/obj"
OUT=$(cd "$OUT" && pwd)
command -v "$CC" >/dev/null || { echo "build.sh: $CC not found (apt-get install clang)" >&2; exit 1; }

protoc-c --c_out="$OUT/proto" --proto_path="$SRC/profile" profile.proto

PKGS="libprotobuf-c zlib libelf libdw capstone"
# UBSan checks stay recoverable so that fuzz/ubsan-known.supp can silence reported bugs;
# run.sh sets halt_on_error=1, so any other finding stops the fuzzer.
SAN="-fsanitize=address,undefined -fno-omit-frame-pointer"
CFLAGS="-std=c11 -D_GNU_SOURCE -DPV_LIBFUZZER -g -O1 $SAN -Wall -Wextra -Wno-unused-function -I$SRC -I$OUT/proto $(pkg-config --cflags $PKGS)"
LIBS="$(pkg-config --libs $PKGS) -ldl -lm"

# FUZZ_LOAD_C: another load.c to build instead (e.g. `git show HEAD:profile/load.c` while the
# working copy is mid-change)
# every source of the two libraries (the same files profile/ and symbolize/ CMakeLists build)
LIBSRC="$OUT/proto/profile.pb-c.c ${FUZZ_LOAD_C:-$SRC/profile/load.c}"
for f in "$SRC"/profile/*.c "$SRC"/symbolize/*.c; do
    [ "$f" = "$SRC/profile/load.c" ] || LIBSRC="$LIBSRC $f"
done
objs=()
for f in $LIBSRC; do
    o=$OUT/obj/$(basename "${f%.c}").o
    $CC $CFLAGS -fsanitize=fuzzer-no-link -c "$f" -o "$o"
    objs+=("$o")
done
# the TUI's sources but main.c and the key table generator, for the command harness only
mkdir -p "$OUT/obj/tui"
tuiobjs=()
for f in "$SRC"/tui/*.c; do
    case $(basename "$f") in main.c | gen_keytable.c) continue ;; esac
    o=$OUT/obj/tui/$(basename "${f%.c}").o
    $CC $CFLAGS $(pkg-config --cflags ncursesw) -fsanitize=fuzzer-no-link -c "$f" -o "$o"
    tuiobjs+=("$o")
done
# fetch/'s curl-free sources (adjustURL, the response's headers and error line, the symbol
# endpoint's URL, request and answer), for the fetch harness only
mkdir -p "$OUT/obj/fetch"
fetchobjs=()
for f in "$SRC"/fetch/url.c "$SRC"/fetch/response.c "$SRC"/fetch/symbolz.c; do
    o=$OUT/obj/fetch/$(basename "${f%.c}").o
    $CC $CFLAGS -fsanitize=fuzzer-no-link -c "$f" -o "$o"
    fetchobjs+=("$o")
done
# cli/'s REPL and the batch reports it prints, for the repl harness only
mkdir -p "$OUT/obj/cli"
cliobjs=()
for f in repl reports report_samples report_list report_flame report_graph; do
    o=$OUT/obj/cli/$f.o
    $CC $CFLAGS -DFUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION -fsanitize=fuzzer-no-link -c "$SRC/cli/$f.c" -o "$o"
    cliobjs+=("$o")
done
for h in $(cat "$SRC/fuzz/harnesses"); do
    extra=()
    [ "$h" = repl ] && extra=("${cliobjs[@]}")
    [ "$h" = command ] && extra=("${tuiobjs[@]}" $(pkg-config --libs ncursesw))
    [ "$h" = fetch ] && extra=("${fetchobjs[@]}")
    $CC $CFLAGS -fsanitize=fuzzer "$SRC/fuzz/fuzz_$h.c" "${objs[@]}" "${extra[@]}" $LIBS -o "$OUT/fuzz_$h"
    echo "built $OUT/fuzz_$h"
done

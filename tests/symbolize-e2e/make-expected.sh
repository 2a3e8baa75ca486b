#!/bin/bash
# Regenerates the references of the end-to-end cases; pview is not run. Needs go1.19.8
# (`go tool pprof`), llvm-symbolizer (Debian 12: llvm 14) and python3.
#  1. ref/*.pb.gz: each address-only profile of testdata/symbolize/e2e symbolized by
#     symbolize-ref.py, i.e. by llvm-symbolizer --inlining --functions=linkage --demangle, with
#     the committed binaries; *.main-only.pb.gz leaves the shared library unsymbolized.
#     sorter's libc from the committed copy in glibc/ with its libc6-dbg debug file.
#     shapes (C++) and collatz (Rust) are symbolized with --no-demangle instead, as pprof runs llvm-symbolizer.
#  2. expected/NAME.txt for each case of cases.txt, by the case's REF (see cases.txt), with the
#     exact command in expected/NAME.cmd. stdout only, TZ=UTC.
# Review the diff of expected/ before committing.
set -eu
. "$(dirname "$0")/lib.sh"
cd "$REPO_ROOT"
set -f
td=testdata/symbolize/e2e
ref=tests/symbolize-e2e/ref
out=tests/symbolize-e2e/expected
mkdir -p "$ref" "$out"
sym=tests/symbolize-e2e/symbolize-ref.py
python3 $sym $td/crc.pb.gz $ref/crc.pb.gz crc=$td/crc
python3 $sym $td/matrix.pb.gz $ref/matrix.pb.gz matrix=$td/matrix
python3 $sym $td/dlmain.pb.gz $ref/dlmain.pb.gz dlmain=$td/dlmain libburn.so=$td/libburn.so
python3 $sym $td/dlmain.pb.gz $ref/dlmain.main-only.pb.gz dlmain=$td/dlmain
python3 $sym --debug-dir=$td/glibc $td/sorter.pb.gz $ref/sorter.pb.gz sorter=$td/sorter \
    libsortlib.so=$td/libsortlib.so libc.so.6=$td/glibc/libc.so.6
python3 $sym --mangled $td/shapes.pb.gz $ref/shapes.pb.gz shapes=$td/shapes
python3 $sym --mangled $td/collatz.pb.gz $ref/collatz.pb.gz collatz=$td/collatz
# split DWARF: frames from the twins built without -gsplit-dwarf (same .text, build-split.sh)
python3 $sym $td/splitc4.pb.gz $ref/splitc4.pb.gz splitc4=$td/split/nosplit/splitc4
python3 $sym $td/splitc5.pb.gz $ref/splitc5.pb.gz splitc5=$td/split/nosplit/splitc5
{ go version; llvm-symbolizer --version | head -2; } > $ref/VERSIONS

awk -F'\t' '$0 !~ /^#/ && NF { print $1 }' tests/symbolize-e2e/cases.txt | while read -r name; do
    find_case "$name"
    # shellcheck disable=SC2086
    set -- $CASE_ARGS
    profile=${!#}
    flags=()
    for a in "$@"; do case "$a" in -*) flags+=("$a") ;; esac; done
    base=$(basename "$profile" .pb.gz)
    case "$CASE_REF" in
        llvm) cmd="env $CASE_ENV TZ=UTC go tool pprof -symbolize=none ${flags[*]} $ref/$base.pb.gz" ;;
        llvm-local)
            sflag=-symbolize=local
            for a in "${flags[@]}"; do case "$a" in -symbolize=*) sflag= ;; esac; done
            cmd="env $CASE_ENV PPROF_BINARY_PATH=/nonexistent/pview-e2e TZ=UTC go tool pprof $sflag ${flags[*]} $ref/$base.pb.gz" ;;
        llvm-main-only) cmd="env $CASE_ENV TZ=UTC go tool pprof -symbolize=none ${flags[*]} $ref/$base.main-only.pb.gz" ;;
        pprof) cmd="env $CASE_ENV TZ=UTC go tool pprof -symbolize=local $CASE_ARGS" ;;
        pprof-nosym) cmd="env $CASE_ENV TZ=UTC go tool pprof -symbolize=none $CASE_ARGS" ;;
        *) echo "$name: unknown REF $CASE_REF" >&2; exit 1 ;;
    esac
    echo "$cmd" > $out/$name.cmd
    $cmd > $out/$name.txt 2> /dev/null
    echo "$name ($CASE_REF)"
done

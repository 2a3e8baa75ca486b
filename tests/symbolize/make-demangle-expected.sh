#!/bin/sh
# Makes the demangling references of testdata/symbolize/demangle/: for each NAME-names.txt,
# NAME.default.txt and NAME.full.txt hold what go tool pprof (go1.19.8) shows for each line
# as a function's system name, with -symbolize=local and -symbolize=local:demangle=full.
# pview is not run. The names come from nm on the fixtures and libstdc++ (cxx), nm on
# `g++ -O0 -g testdata/symbolize/src/lambdas.cc` (cxx-local), DWARF names typed by hand (dwarf),
# testdata/symbolize/rust/build.sh (rust-*).
set -eu
cd "$(dirname "$0")/../.."
d=testdata/symbolize/demangle
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for names in $d/*-names.txt; do
    base=${names%-names.txt}
    python3 tests/symbolize/names-profile.py "$names" "$tmp/p.pb.gz"
    for mode in default full; do
        sf=-symbolize=local
        [ $mode = full ] && sf=-symbolize=local:demangle=full
        PPROF_BINARY_PATH=/nonexistent go tool pprof $sf -raw "$tmp/p.pb.gz" 2>/dev/null |
            sed -n '/^Locations/,/^Mappings/p' | grep -E '^ +[0-9]+: ' |
            sed -E 's/^ +[0-9]+: 0x[0-9a-f]+ M=1 //; s/ :1 s=0(\(.*\))?$//' > "$base.$mode.txt"
        [ "$(wc -l < "$base.$mode.txt")" = "$(wc -l < "$names")" ] || { echo "$base.$mode.txt: wrong count" >&2; exit 1; }
    done
done

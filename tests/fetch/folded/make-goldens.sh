#!/bin/sh
# Regenerates the folded-stack goldens: for each case of cases.txt (or the named ones),
# FOLDED -> PB with folded2pb.py (FOLDED and PB may list several files, comma-separated), then `TZ=UTC go tool pprof FLAGS PB > out/NAME.txt`, the
# exact commands in out/NAME.cmd. Run from this directory.
set -eu
cd "$(dirname "$0")"
mkdir -p out
python3 folded2pb.py simple.folded simple.pb
python3 folded2pb.py simple.folded simple-ns.pb nanoseconds
python3 folded2pb.py perf.folded perf.pb
grep -v '^#' cases.txt | while IFS="$(printf '\t')" read -r name folded pb flags; do
    [ -n "$name" ] || continue
    if [ $# -gt 0 ]; then
        case " $* " in *" $name "*) ;; *) continue ;; esac
    fi
    goflags=""
    for w in $flags; do
        case "$w" in -folded_unit=*) ;; *) goflags="$goflags $w" ;; esac
    done
    # shellcheck disable=SC2086
    pbs=$(echo "$pb" | tr , ' ') # several files: merged
    TZ=UTC go tool pprof $goflags $pbs > "out/$name.txt" 2>/dev/null
    [ -s "out/$name.txt" ] || { echo "empty golden for $name" >&2; exit 1; }
    printf 'TZ=UTC go tool pprof%s %s > out/%s.txt\n# %s\n' "$goflags" "$pbs" "$name" "$(go version)" > "out/$name.cmd"
done
# pview's "-" (stdin) merged with the same file: pprof merging the file with itself
fib=../../../testdata/parca/pkg/query/testdata/fib.pb.gz
TZ=UTC go tool pprof -top -symbolize=none $fib $fib > out/stdin-merge.txt 2>/dev/null
printf 'TZ=UTC go tool pprof -top -symbolize=none %s %s > out/stdin-merge.txt\n# %s\n' "$fib" "$fib" "$(go version)" > out/stdin-merge.cmd

#!/bin/bash
# Round trip of pview -proto through go tool pprof (go1.19).
#   tests/proto/run.sh PVIEW NAME
# For case NAME<TAB>ARGS[<TAB>raw-only] of tests/proto/cases.txt, from the repo root:
#  1. `PVIEW -proto ARGS > pview.pb.gz` must exit 0 and write gzip data;
#  2. `go tool pprof -raw` of pview.pb.gz must equal `go tool pprof -raw` of what
#     `go tool pprof -proto ARGS` writes (same samples, values, labels, locations, lines,
#     mappings, header after pprof's merge and filters);
#  3. when ARGS are only input files (and -symbolize=none) and the case is not raw-only,
#     `go tool pprof -top` of
#     pview.pb.gz must equal `PVIEW -top ARGS` (pview's own report of the inputs).
# Exit: 0 pass, 1 fail, 77 skip (no go toolchain).
set -u
if [ $# -ne 2 ]; then echo "usage: $0 PVIEW NAME" >&2; exit 2; fi
pview=$1 name=$2
case "$pview" in
    /*) ;;
    */*) pview=$(cd "$(dirname "$pview")" && pwd)/$(basename "$pview") ;;
esac
dir=$(cd "$(dirname "$0")" && pwd)
cd "$dir/../.." || exit 1
set -f
GO=${GO:-go}
if ! command -v "$GO" >/dev/null 2>&1; then echo "SKIP $name: no go toolchain"; exit 77; fi
line=$(grep -v -e '^#' -e '^[[:space:]]*$' "$dir/cases.txt" | awk -F'\t' -v n="$name" '$1 == n { print; exit }')
if [ -z "$line" ]; then echo "run.sh: no such case: $name" >&2; exit 1; fi
args=${line#*$'\t'}
mode=full
case "$args" in *$'\t'*) mode=${args#*$'\t'}; args=${args%%$'\t'*} ;; esac
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
status=0

# shellcheck disable=SC2086  # ARGS are split on blanks on purpose
if ! "$pview" -proto $args > "$tmp/pview.pb.gz" 2> "$tmp/pview.err"; then
    echo "FAIL $name: pview -proto $args exited non-zero:"; head -5 "$tmp/pview.err"; exit 1
fi
if [ "$(head -c 2 "$tmp/pview.pb.gz" | od -An -tx1 | tr -d ' ')" != 1f8b ]; then
    echo "FAIL $name: pview -proto did not write gzip data"; exit 1
fi
# shellcheck disable=SC2086
"$GO" tool pprof -proto $args > "$tmp/pprof.pb.gz" 2>/dev/null || { echo "FAIL $name: go tool pprof -proto failed"; exit 1; }
TZ=UTC "$GO" tool pprof -raw -symbolize=none "$tmp/pview.pb.gz" > "$tmp/pview.raw" 2> "$tmp/raw.err" ||
    { echo "FAIL $name: go tool pprof cannot read pview's profile:"; head -5 "$tmp/raw.err"; exit 1; }
TZ=UTC "$GO" tool pprof -raw -symbolize=none "$tmp/pprof.pb.gz" > "$tmp/pprof.raw" 2>/dev/null
if ! cmp -s "$tmp/pprof.raw" "$tmp/pview.raw"; then
    echo "FAIL $name: -raw of pview's -proto differs from -raw of pprof's -proto"
    diff -u "$tmp/pprof.raw" "$tmp/pview.raw" | head -40
    status=1
fi

only_files=true
[ "$mode" = raw-only ] && only_files=false
for a in $args; do
    case "$a" in -symbolize=none) ;; -*) only_files=false ;; esac
done
if $only_files; then
    TZ=UTC "$GO" tool pprof -top -symbolize=none "$tmp/pview.pb.gz" > "$tmp/pprof.top" 2>/dev/null
    # shellcheck disable=SC2086
    TZ=UTC "$pview" -top $args > "$tmp/pview.top" 2>/dev/null
    if ! cmp -s "$tmp/pview.top" "$tmp/pprof.top"; then
        echo "FAIL $name: go tool pprof -top of pview's -proto differs from pview -top of the inputs"
        diff -u "$tmp/pview.top" "$tmp/pprof.top" | head -40
        status=1
    else
        echo "top: same ($(wc -l < "$tmp/pview.top") lines)"
    fi
fi
[ $status -eq 0 ] && echo "PASS $name ($(wc -l < "$tmp/pview.raw") raw lines)"
exit $status

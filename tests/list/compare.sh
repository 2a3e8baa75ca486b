#!/bin/bash
# compare.sh PVIEW NAME: runs case NAME of cases.txt and compares pview's output with go tool
# pprof's (expected/NAME.txt) as the case's COMPARE says. PPROF_BINARY_PATH is the native
# fixtures' directory (for libburn.so; libc is never found).
set -u
. "$(dirname "$0")/lib.sh"
PVIEW=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
cd "$REPO_ROOT" || exit 1
set -f
case_line "$2" || { echo "no case $2"; exit 1; }
# shellcheck disable=SC2086
out=$(TZ=UTC PPROF_BINARY_PATH=testdata/symbolize/e2e PVIEW_BINARY_PATH= "$PVIEW" $PVIEW_ARGS 2>/dev/null) ||
    { echo "pview failed"; exit 1; }
exp="$LIST_DIR/expected/$2.txt"
case $MODE in
exact)
    want=$(cat "$exp"); got=$out ;;
top)
    # flat per function from pprof's -top rows; pview's routines' flats and their rows' sums
    want=$(awk 'f && NF >= 6 && $1 != "0" { print $6, $1 } /^ +flat +flat%/ { f = 1 }' "$exp" | sort)
    got=$(awk '/^ROUTINE/ { name = $3; next }
               /\(flat, cum\)/ { if ($1 != "0") print name, $1; next }' <<<"$out" | sort)
    bad=$(awk '/^ROUTINE/ { name = $3; next } /\(flat, cum\)/ { flat[name] = $1; next }
               /^ +[^ ]+ +[^ ]+ +[0-9a-f]+: / && $1 != "." { n[name]++ }
               END { for (k in flat) if (flat[k] != "0" && !n[k]) print "no sampled row in " k }' <<<"$out")
    [ -z "$bad" ] || { echo "$bad"; exit 1; } ;;
*)
    want=$(numbers "$MODE" < "$exp"); got=$(numbers "$MODE" <<<"$out") ;;
esac
[ "$(grep -c . <<<"$want")" -ge 2 ] || { echo "expected output too short"; exit 1; }
if [ "$want" != "$got" ]; then
    diff -u <(echo "$want") <(echo "$got") | head -60
    exit 1
fi
echo "ok: $2 ($MODE, $(grep -c . <<<"$want") lines)"

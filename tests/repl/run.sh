#!/bin/bash
# Runs one REPL transcript: the same input into `pview -repl ARGS`; stdout and stderr must
# equal go tool pprof's (expected/NAME.out, NAME.err).   usage: run.sh PVIEW NAME
set -u
pview=$1 name=$2
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/../.." || exit 1
set -f
line=$(awk -F'\t' -v n="$name" '$1 == n { print; exit }' "$here/cases.txt")
[ -n "$line" ] || { echo "no such case: $name"; exit 1; }
args=$(printf '%s' "$line" | cut -f2) input=$(printf '%s' "$line" | cut -f3)
tmp=$(mktemp -d) && trap 'rm -rf "$tmp"' EXIT
# shellcheck disable=SC2086
printf '%b' "$input" | TZ=UTC "$pview" -repl $args > "$tmp/out" 2> "$tmp/err"
rc=$? status=0
[ $rc -eq 0 ] || { echo "FAIL $name: exit status $rc"; status=1; }
for s in out err; do
    if ! cmp -s "$here/expected/$name.$s" "$tmp/$s"; then
        echo "FAIL $name: std$s differs"
        diff -u --label "pprof/$name.$s" --label "pview/$name.$s" "$here/expected/$name.$s" "$tmp/$s" | head -40
        status=1
    fi
done
[ $status -eq 0 ] && echo "PASS $name"
exit $status

#!/bin/bash
# Runs one batch stderr case: `PVIEW ARGS` must exit 0 and write to stderr exactly
# go tool pprof's NAME.err.   usage: run.sh PVIEW NAME
set -u
pview=$1 name=$2
case "$pview" in
    /*) ;;
    */*) pview=$(cd "$(dirname "$pview")" && pwd)/$(basename "$pview") ;;
esac
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/../../.." || exit 1
set -f
args=$(grep -v '^#' "$here/cases.txt" | awk -F'\t' -v n="$name" '$1 == n { print $2; exit }')
[ -n "$args" ] || { echo "run.sh: no such case: $name" >&2; exit 2; }
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
# shellcheck disable=SC2086
TZ=UTC "$pview" $args > /dev/null 2> "$tmp/err"
st=$?
[ $st = 0 ] || { echo "FAIL $name: exit status $st"; cat "$tmp/err"; exit 1; }
if ! diff -u "$here/$name.err" "$tmp/err"; then
    echo "FAIL $name: stderr differs from pprof's"
    exit 1
fi
echo "PASS $name"

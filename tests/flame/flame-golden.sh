#!/bin/sh
# Runs one -flame golden: usage flame-golden.sh PVIEW NAME (see flame-cases.txt).
set -u
pview=$1
name=$2
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
args=$(awk -F'\t' -v n="$name" '$1 == n { print $2 }' "$here/flame-cases.txt")
[ -n "$args" ] || { echo "no case $name"; exit 2; }
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
# shellcheck disable=SC2086
(cd "$root" && TZ=UTC "$pview" $args) > "$tmp" || { echo "pview failed"; exit 1; }
cmp -s "$here/out/$name.txt" "$tmp" || { diff -u "$here/out/$name.txt" "$tmp"; exit 1; }

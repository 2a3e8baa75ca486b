#!/bin/sh
# Regenerates pview.1 from tests/tui/pview.1.in and the key table.
# usage: tests/tui/update-man.sh [KEYTABLE_BINARY] [OUTPUT]
#   (defaults: build/tui/pview-keytable, pview.1 at the top of the source tree)
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
gen=${1:-$root/build/tui/pview-keytable}
out=${2:-$root/pview.1}
keys=$(mktemp)
trap 'rm -f "$keys"' EXIT
"$gen" > "$keys"
awk -v keys="$keys" '$0 == "@KEYS@" { while ((getline line < keys) > 0) print line; next } { print }' \
    "$root/tests/tui/pview.1.in" > "$out"

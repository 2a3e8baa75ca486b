#!/bin/sh
# Checks that the committed pview.1 is what tests/tui/update-man.sh makes from the key table.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
sh "$here/update-man.sh" "$1" "$tmp"
if ! diff -u "$here/../../pview.1" "$tmp"; then
    echo "pview.1 is out of date with the key table: run tests/tui/update-man.sh" >&2
    exit 1
fi
# and the help screen lists the same keys: every key line of the man page is in the help view

#!/bin/bash
# disasm.sh PVIEW NAME: runs case NAME of disasm-cases.txt and compares pview's -disasm with
# go tool pprof's (expected/NAME.txt) on the columns the case's COMPARE names.
set -u
. "$(dirname "$0")/lib-disasm.sh"
PVIEW=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
cd "$REPO_ROOT" || exit 1
set -f
case_line "$2" || { echo "no case $2"; exit 1; }
# shellcheck disable=SC2086
out=$(TZ=UTC PPROF_BINARY_PATH=/nonexistent "$PVIEW" $PVIEW_ARGS 2>/dev/null) || { echo "pview failed"; exit 1; }
want=$(numbers "$MODE" < "$LIST_DIR/expected/$2.txt")
got=$(numbers "$MODE" <<<"$out")
[ "$(grep -c . <<<"$want")" -gt 3 ] || { echo "expected output too short"; exit 1; }
if [ "$want" != "$got" ]; then
    diff -u <(echo "$want") <(echo "$got") | head -60
    exit 1
fi
echo "ok: $2 ($MODE, $(grep -c . <<<"$want") lines)"

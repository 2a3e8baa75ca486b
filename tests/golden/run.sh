#!/bin/bash
# Run one golden case against pview and compare stdout byte for byte.
#   tests/golden/run.sh PVIEW NAME
# Runs `TZ=UTC PVIEW ARGS` from the repo root (ARGS from cases.txt or
# extended-cases.txt), compares its stdout with the golden using cmp and
# prints `diff -u golden actual` on mismatch. stderr is not compared.
# Exit: 0 pass, 1 fail (mismatch, non-zero exit status, unknown case),
#       77 skip (extended case and ../shared/testdata absent).
set -u
if [ $# -ne 2 ]; then echo "usage: $0 PVIEW NAME" >&2; exit 2; fi
pview=$1 name=$2
# A relative PVIEW path is taken from the caller's directory.
case "$pview" in
    /*) ;;
    */*) pview=$(cd "$(dirname "$pview")" && pwd)/$(basename "$pview") ;;
esac
. "$(dirname "$0")/lib.sh"
cd "$REPO_ROOT" || exit 1
set -f

if ! find_case "$name"; then echo "run.sh: no such case: $name" >&2; exit 1; fi
if [ "$CASE_SET" = extended-cases.txt ] && [ ! -d "$EXT_DATA_DIR" ]; then
    echo "SKIP $name: $EXT_DATA_DIR is absent (extended cases need the shared test data)"
    exit 77
fi
golden=tests/golden/$CASE_OUT/$name.txt
if [ ! -f "$golden" ]; then echo "run.sh: golden missing: $golden" >&2; exit 1; fi

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
echo "TZ=UTC $pview $CASE_ARGS"
# shellcheck disable=SC2086  # ARGS are split on blanks on purpose
TZ=UTC "$pview" $CASE_ARGS > "$tmp/stdout" 2> "$tmp/stderr"
rc=$?
status=0
if [ $rc -ne 0 ]; then
    echo "FAIL $name: exit status $rc (pprof exits 0); stderr:"
    head -20 "$tmp/stderr"
    status=1
fi
if ! cmp -s "$golden" "$tmp/stdout"; then
    echo "FAIL $name: stdout differs from $golden"
    diff -u --label "golden/$name" --label "pview/$name" "$golden" "$tmp/stdout"
    status=1
fi
[ $status -eq 0 ] && echo "PASS $name"
exit $status

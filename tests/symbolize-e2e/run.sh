#!/bin/bash
# Run one end-to-end symbolization case: tests/symbolize-e2e/run.sh NAME (PVIEW in the
# environment is the pview binary). From the repo root, runs `env ENV TZ=UTC $PVIEW ARGS`
# (cases.txt), requires exit status 0, compares stdout byte for byte with expected/NAME.txt
# (diff -u on mismatch) and, when the case has a STDERR regex, matches it against stderr (its
# lines joined by blanks).
set -u
if [ $# -ne 1 ] || [ -z "${PVIEW:-}" ]; then echo "usage: PVIEW=path/to/pview $0 NAME" >&2; exit 2; fi
name=$1
case "$PVIEW" in
    /*) ;;
    */*) PVIEW=$(cd "$(dirname "$PVIEW")" && pwd)/$(basename "$PVIEW") ;;
esac
. "$(dirname "$0")/lib.sh"
cd "$REPO_ROOT" || exit 1
set -f
if ! find_case "$name"; then echo "run.sh: no such case: $name" >&2; exit 1; fi
golden=tests/symbolize-e2e/expected/$name.txt
if [ ! -f "$golden" ]; then echo "run.sh: golden missing: $golden" >&2; exit 1; fi

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
echo "env $CASE_ENV TZ=UTC $PVIEW $CASE_ARGS"
# shellcheck disable=SC2086  # ENV and ARGS are split on blanks on purpose
env $CASE_ENV TZ=UTC "$PVIEW" $CASE_ARGS > "$tmp/stdout" 2> "$tmp/stderr"
rc=$?
status=0
echo "stderr:"; cat "$tmp/stderr"
if [ $rc -ne 0 ]; then
    echo "FAIL $name: exit status $rc (pprof exits 0)"
    status=1
fi
if [ "$CASE_STDERR" != - ] && ! tr '\n' ' ' < "$tmp/stderr" | grep -Eq -- "$CASE_STDERR"; then
    echo "FAIL $name: stderr does not match /$CASE_STDERR/"
    status=1
fi
if ! cmp -s "$golden" "$tmp/stdout"; then
    echo "FAIL $name: stdout differs from $golden (reference: $CASE_REF, see expected/$name.cmd)"
    diff -u --label "expected/$name" --label "pview/$name" "$golden" "$tmp/stdout"
    status=1
fi
[ $status -eq 0 ] && echo "PASS $name"
exit $status

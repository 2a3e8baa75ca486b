#!/bin/sh
# Runs pv-symtest and checks its output.
#   run.sh PV_SYMTEST TESTDATA_DIR EXPECTED STDERR_REGEX [pv-symtest args...]
# EXPECTED: a file stdout must equal, "~REGEX" for an extended regex some line of stdout must
# match, or "-" to skip that check.
# STDERR_REGEX: an extended regex stderr must match, "-" for "anything", or "none" for no warnings.
# Paths in the args may use @/ for TESTDATA_DIR/. The test fails on a non-zero exit (which is
# how a sanitizer or a crash shows up).
set -u
symtest=$1 td=$2 expected=$3 errre=$4
shift 4
out=$(mktemp) err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT
args=""
for a in "$@"; do
    case $a in @/*) a="$td/${a#@/}" ;; esac
    args="$args '$(printf '%s' "$a" | sed "s/'/'\\\\''/g")'"
done
eval "\"\$symtest\" $args" >"$out" 2>"$err"
rc=$?
status=0
if [ $rc -ne 0 ]; then
    echo "FAIL: exit status $rc"; status=1
fi
case $expected in
    -) ;;
    ~*) if ! grep -Eq -- "${expected#\~}" "$out"; then cat "$out"; echo "FAIL: stdout does not match /${expected#\~}/"; status=1; fi ;;
    *) if ! diff -u "$expected" "$out"; then echo "FAIL: stdout differs from $expected"; status=1; fi ;;
esac
case $errre in
    -) ;;
    none) if grep -q "^warning:" "$err"; then echo "FAIL: unexpected warning"; status=1; fi ;;
    *) if ! grep -Eq -- "$errre" "$err"; then echo "FAIL: stderr does not match /$errre/"; status=1; fi ;;
esac
cat "$err" >&2
exit $status

#!/bin/sh
# -folded and -flame on bad input: one line on stderr naming the problem, exit status 1,
# nothing on stdout; a profile whose filters leave nothing prints an empty result, status 0.
set -u
pview=$1
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root" || exit 2
P=testdata/pprof/internal/report/testdata/sample.cpu
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { # bad WANT-IN-STDERR ARGS...
    want=$1
    shift
    "$pview" "$@" > "$tmp/out" 2> "$tmp/err"
    st=$?
    if [ $st != 1 ] || [ -s "$tmp/out" ] || [ "$(wc -l < "$tmp/err")" != 1 ] || ! grep -q -- "$want" "$tmp/err"; then
        echo "FAIL: $* (status $st):"; cat "$tmp/err"; fail=1
    fi
}
bad "width must be between 1 and 100000" -flame -width=0 -symbolize=none $P
bad "width must be between 1 and 100000" -flame -width=1000001 -symbolize=none $P
bad "testdata/bad/truncated.pb.gz" -folded testdata/bad/truncated.pb.gz
bad "testdata/bad/garbage" -flame testdata/bad/garbage-does-not-exist
bad "focus" -folded -symbolize=none "-focus=(" $P
# nothing selected: no stacks, no frames, status 0
"$pview" -folded -symbolize=none -focus=nosuchfunction $P > "$tmp/out" 2> "$tmp/err" || { echo "FAIL: empty -folded"; fail=1; }
[ -s "$tmp/out" ] && { echo "FAIL: -folded printed stacks for an empty selection"; fail=1; }
grep -q "Focus expression matched no samples" "$tmp/err" || { echo "FAIL: no focus warning"; fail=1; }
"$pview" -flame -symbolize=none -focus=nosuchfunction $P > "$tmp/out" 2>/dev/null || { echo "FAIL: empty -flame"; fail=1; }
[ "$(wc -l < "$tmp/out")" = 1 ] || { echo "FAIL: -flame of an empty selection is more than its title"; fail=1; }
[ $fail = 0 ] && echo ok
exit $fail

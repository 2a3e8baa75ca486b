#!/bin/sh
# Without a report flag, TERM=dumb or no TERM starts the line-mode REPL, with one line on
# stderr saying why; its stdout is the REPL's (prompt and report).  usage: term-dumb.sh PVIEW
set -u
p=testdata/pprof/internal/report/testdata/sample.cpu
tmp=$(mktemp -d) && trap 'rm -rf "$tmp"' EXIT
status=0
for t in dumb unset; do
    if [ $t = dumb ]; then
        printf 'top2\n' | TERM=dumb TZ=UTC "$1" -symbolize=none $p > "$tmp/out" 2> "$tmp/err"
    else
        printf 'top2\n' | env -u TERM TZ=UTC "$1" -symbolize=none $p > "$tmp/out" 2> "$tmp/err"
    fi
    grep -q "^pview: TERM is .*line mode" "$tmp/err" || { echo "FAIL TERM=$t: no reason on stderr"; cat "$tmp/err"; status=1; }
    grep -q 'runtime.mapiternext' "$tmp/out" || { echo "FAIL TERM=$t: no REPL output"; cat "$tmp/out"; status=1; }
    grep -q 'Entering interactive mode' "$tmp/err" || { echo "FAIL TERM=$t: no banner"; status=1; }
done
[ $status -eq 0 ] && echo "PASS term-dumb"
exit $status

#!/bin/bash
# tests/graphviz/run.sh PVIEW: -svg, -png and -pdf go through Graphviz's dot (the bytes
# must be what `dot -Tfmt` makes of pview's own -dot), -output=FILE works for them, and
# without dot on PATH pview says so in one line and exits 1.
set -u
PVIEW=${1:?usage: run.sh PVIEW}
cd "$(dirname "$0")/../.." || exit 1
P=testdata/pprof/internal/report/testdata/sample.cpu
TMP=$(mktemp -d) && trap 'rm -rf "$TMP"' EXIT
fail=0
if ! command -v dot > /dev/null; then
    echo "graphviz: dot is not installed (scripts/deps.sh --test installs graphviz)"
    exit 1
fi
"$PVIEW" -dot -symbolize=none "$P" > "$TMP/g.dot" || { echo "FAIL -dot"; exit 1; }
for fmt in svg png pdf; do
    dot -T$fmt < "$TMP/g.dot" > "$TMP/want.$fmt" 2> /dev/null
    if ! "$PVIEW" -$fmt -symbolize=none -output="$TMP/got.$fmt" "$P" 2> "$TMP/err"; then
        echo "FAIL -$fmt: exit status"; cat "$TMP/err"; fail=1; continue
    fi
    case $fmt in
        svg) head -c 1000 "$TMP/got.$fmt" | grep -q '<svg' || { echo "FAIL -svg: no <svg"; fail=1; } ;;
        png) [ "$(head -c 4 "$TMP/got.$fmt" | od -An -tx1 | tr -d ' ')" = 89504e47 ] || { echo "FAIL -png: not PNG"; fail=1; } ;;
        pdf) [ "$(head -c 4 "$TMP/got.$fmt")" = %PDF ] || { echo "FAIL -pdf: not PDF"; fail=1; } ;;
    esac
    # PDF embeds a creation date; the others must equal dot's rendering of -dot
    if [ $fmt != pdf ] && ! cmp -s "$TMP/want.$fmt" "$TMP/got.$fmt"; then
        echo "FAIL -$fmt: differs from dot -T$fmt of pview -dot"; fail=1
    fi
done
# no dot on PATH: one clear line, exit 1, nothing on stdout
mkdir "$TMP/bin"
PATH="$TMP/bin" "$PVIEW" -svg -symbolize=none "$P" > "$TMP/out" 2> "$TMP/err"
rc=$?
if [ $rc -ne 1 ] || [ -s "$TMP/out" ] || [ "$(wc -l < "$TMP/err")" -ne 1 ] || ! grep -q "Graphviz" "$TMP/err"; then
    echo "FAIL without dot: rc=$rc, stderr:"; cat "$TMP/err"; fail=1
fi
[ $fail = 0 ] && echo "PASS graphviz"
exit $fail

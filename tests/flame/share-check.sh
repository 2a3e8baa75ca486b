#!/bin/sh
# The flame view's search share against pprof: after /RE in the flame view, pview says
# "/RE matched X, P% of T total"; `go tool pprof -top -focus=RE -nodefraction=0` says
# "Showing nodes accounting for X, P% of T total". Both run with -unit=ns (or the unit
# given) so the numbers print alike, and must agree exactly.
#
# usage: share-check.sh PVIEW UNIT RE ARGS...   (UNIT for -unit, - for none)
set -u
pview=$1
unit=$2
re=$3
shift 3
root=$(cd "$(dirname "$0")/../.." && pwd)
command -v go >/dev/null 2>&1 || { echo "go not installed: skipped"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
uflag=
[ "$unit" = - ] || uflag=-unit=$unit
cd "$root" || exit 2
# shellcheck disable=SC2086
want=$(TZ=UTC go tool pprof -top -nodefraction=0 -focus="$re" $uflag "$@" 2>/dev/null |
    sed -n 's/^Showing nodes accounting for //p')
[ -n "$want" ] || { echo "pprof printed no 'Showing nodes' line"; exit 1; }
printf 'F/%s<Enter>\n' "$re" > "$tmp/keys"
# shellcheck disable=SC2086
env -i PATH=/usr/bin:/bin TERM=xterm-256color LANG=C.UTF-8 TZ=UTC HOME="$tmp" \
    ${PVIEW_PARALLEL_MIN:+PVIEW_PARALLEL_MIN=$PVIEW_PARALLEL_MIN} \
    "$pview" -tui_size=200x50 -tui_keys="$tmp/keys" -tui_dump="$tmp/screen" $uflag "$@" 2>/dev/null ||
    { echo "pview failed"; exit 1; }
got=$(sed -n "s/^\/.* matched \(.*\)/\1/p" "$tmp/screen" | sed 's/ *$//; s/ (.*)$//' | head -1)
if [ "$got" != "$want" ]; then
    echo "share differs: pprof '$want', pview '$got'"
    exit 1
fi
echo "ok: $got"

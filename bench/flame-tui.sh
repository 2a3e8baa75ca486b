#!/usr/bin/env bash
# Times the flame view on a large profile with the test mode's timings (PVIEW_TUI_TIMINGS:
# per key "KEY<TAB>rebuild ms<TAB>draw ms<TAB>handling ms"): opening it (F: the flame tree
# is built), moves, zooms, the heaviest-frame jump, search with n/N, the icicle toggle, the
# sandwich and the recursion toggle (c: the tree is rebuilt). Targets: every zoom, move and
# search redraws within 16 ms; the tree is built within 500 ms.
#
# usage: bench/flame-tui.sh [PROFILE]   (default bench/out/prof-1500000.pb.gz, see tui.sh)
# environment: PVIEW (default build/pview), SIZE (default 200x50)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
PVIEW=${PVIEW:-$root/build/pview}
SIZE=${SIZE:-200x50}
prof=${1:-$here/out/prof-1500000.pb.gz}
if [ ! -f "$prof" ]; then
    gen=$root/build/bench/genprof
    [ -x "$gen" ] || { echo "flame-tui.sh: no $prof and no $gen to make it" >&2; exit 1; }
    mkdir -p "$(dirname "$prof")"
    "$gen" -n 1500000 -d 25 -o "$prof"
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
{
    printf 'F'
    for _ in $(seq 20); do printf 'k'; done
    for _ in $(seq 5); do printf 'lh'; done
    printf '<Enter>kk<Enter>k<Enter><Esc><Esc>0jjjj'
    printf 'H0'
    printf '/main[.]<Enter>nnnnnNNN'
    printf 'vkkkv'
    printf 'Hs<Esc>'
    printf 'c'
} > "$tmp/keys"
env TERM=xterm-256color LANG=C.UTF-8 PVIEW_TUI_TIMINGS="$tmp/times" \
    "$PVIEW" -symbolize=none -tui_size="$SIZE" -tui_keys="$tmp/keys" -tui_dump=/dev/null "$prof"
echo "profile: $prof, screen $SIZE, pview: $PVIEW"
awk -F'\t' '
    { t = $2 + $3 + $4 }
    $1 == "F" { printf "open (tree build + first draw):   %8.1f ms\n", t; next }
    $1 == "c" { printf "recursion toggle (tree rebuilt):  %8.1f ms\n", t; next }
    $1 == "s" { printf "sandwich (two trees built):       %8.1f ms\n", t; next }
    { n++; tot += t; if (t > mx) { mx = t; mk = $1 } }
    END { printf "%d moves, zooms, jumps and search steps: mean %.2f ms, max %.2f ms (key %s; target 16 ms)\n", n, tot / n, mx, mk }
' "$tmp/times"
echo "slowest keys (key, rebuild ms, draw ms, handling ms):"
sort -t"$(printf '\t')" -k4,4gr "$tmp/times" | head -5

#!/usr/bin/env bash
# Times the TUI on a large profile: the redraw after each movement key and the rebuild
# (re-aggregation) after each filter or setting change, using the test mode's timings
# (PVIEW_TUI_TIMINGS: one line per key, "KEY<TAB>rebuild ms<TAB>draw ms").
# Targets: redraw within 16 ms; a filter change re-aggregated within 500 ms.
#
# usage: bench/tui.sh [PROFILE]
#   PROFILE defaults to bench/out/prof-1500000.pb.gz, made with
#   build/bench/genprof -n 1500000 -d 25 -o bench/out/prof-1500000.pb.gz when missing.
# environment: PVIEW (default build/pview), SIZE (default 200x50)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
PVIEW=${PVIEW:-$root/build/pview}
SIZE=${SIZE:-200x50}
prof=${1:-$here/out/prof-1500000.pb.gz}
if [ ! -f "$prof" ]; then
    gen=$root/build/bench/genprof
    [ -x "$gen" ] || { echo "tui.sh: no $prof and no $gen to make it" >&2; exit 1; }
    mkdir -p "$(dirname "$prof")"
    "$gen" -n 1500000 -d 25 -o "$prof"
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Movement first (redraw only), then filter changes, each undone (both rebuild).
{
    for _ in $(seq 40); do printf 'j'; done
    for _ in $(seq 10); do printf '<PgDn>'; done
    printf 'G'; printf 'g'; for _ in $(seq 10); do printf 'k<C-f>'; done
    printf '/json<Enter>nnnN\n'
    printf 'fu' ; printf 'iu'; printf 'hu'; printf 'jjfu'
    printf 'tT'; printf 'dD'; printf 'Iu'; printf 's'; printf 's'; printf 's'
    printf ':focus=sql<Enter>u:ignore=json<Enter>u\n'
} > "$tmp/keys"

start=$(date +%s.%N)
env TERM=xterm-256color LANG=C.UTF-8 PVIEW_TUI_TIMINGS="$tmp/times" \
    "$PVIEW" -symbolize=none -tui_size="$SIZE" -tui_keys="$tmp/keys" -tui_dump=/dev/null "$prof"
end=$(date +%s.%N)

echo "profile: $prof ($(du -h "$prof" | cut -f1)), screen $SIZE, pview: $PVIEW"
echo "whole run (load + all keys): $(echo "$end - $start" | bc) s"
awk -F'\t' '
    function report(label, n, arr,    i, j, t, sum) {
        if (!n) return
        for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (arr[j] < arr[i]) { t = arr[i]; arr[i] = arr[j]; arr[j] = t }
        for (i = 1; i <= n; i++) sum += arr[i]
        printf "%-34s n=%-3d median %8.3f ms  mean %8.3f ms  max %8.3f ms\n", label, n, arr[int((n + 1) / 2)], sum / n, arr[n]
    }
    {
        if ($2 > 0.0005) { nr++; rb[nr] = $2 + $3; rbo[nr] = $2 }
        else if ($3 > 0) { nd++; dr[nd] = $3 }
    }
    END {
        report("redraw after a key (no rebuild)", nd, dr)
        report("rebuild + redraw after a change", nr, rb)
        report("rebuild alone", nr, rbo)
        worst_draw = nd ? dr[nd] : 0; worst_rb = nr ? rb[nr] : 0
        printf "targets: redraw <= 16 ms: %s; change <= 500 ms: %s\n",
            worst_draw <= 16 ? "met" : "MISSED", worst_rb <= 500 ? "met" : "MISSED"
    }' "$tmp/times"

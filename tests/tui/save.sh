#!/bin/sh
# P saves the top view as text: the file equals what `pview -top` prints with the TUI's
# settings (every row: -nodefraction=0); :save FILE writes FILE; a second P does not
# overwrite the first file.  usage: save.sh PVIEW
set -u
case $1 in /*) pview=$1 ;; *) pview=$(pwd)/$1 ;; esac
root=$(cd "$(dirname "$0")/../.." && pwd)
prof=$root/testdata/pprof/internal/report/testdata/sample.cpu
tmp=$(mktemp -d) && trap 'rm -rf "$tmp"' EXIT
printf 'P\nsP\n:save named.txt<Enter>\n' > "$tmp/keys"
(cd "$tmp" && env -i PATH=/usr/bin:/bin TERM=xterm LANG=C.UTF-8 TZ=UTC HOME="$tmp" "$pview" -symbolize=none \
    -tui_keys="$tmp/keys" -tui_dump="$tmp/dump" "$prof") || { echo "FAIL: pview exited $?"; exit 1; }
status=0
(cd "$tmp" && TZ=UTC "$pview" -top -nodefraction=0 -symbolize=none "$prof") > "$tmp/want-flat"
(cd "$tmp" && TZ=UTC "$pview" -top -cum -nodefraction=0 -symbolize=none "$prof") > "$tmp/want-cum"
cmp -s "$tmp/want-flat" "$tmp/pview.top.1.txt" || { echo "FAIL: pview.top.1.txt differs from -top"; diff "$tmp/want-flat" "$tmp/pview.top.1.txt" | head; status=1; }
cmp -s "$tmp/want-cum" "$tmp/pview.top.2.txt" || { echo "FAIL: pview.top.2.txt differs from -top -cum"; diff "$tmp/want-cum" "$tmp/pview.top.2.txt" | head; status=1; }
cmp -s "$tmp/want-cum" "$tmp/named.txt" || { echo "FAIL: :save named.txt differs from -top -cum"; status=1; }
grep -q 'saved the top view in named.txt' "$tmp/dump" || { echo "FAIL: no message"; status=1; }
[ $status -eq 0 ] && echo "PASS save"
exit $status

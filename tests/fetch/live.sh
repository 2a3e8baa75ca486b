#!/bin/bash
# The live view against a real server: pview's TUI (test mode, no terminal) on
# http://127.0.0.1:PORT/debug/pprof/heap of fetchsrv (started here on a loopback port it
# picks, killed at the end), refreshed by the script's <Refresh> events.
#   - after refreshes the filter and the sort stay, and the header counts the fetches;
#   - memory stays flat: peak RSS after 100 refreshes is within 25% (+8 MB) of 10 refreshes,
#     so old models and bodies are freed.
#   usage: live.sh PVIEW WORKDIR
set -u
PVIEW=$1
WORK=$2
SRV=$WORK/fetchsrv
[[ -x "$SRV" ]] || { echo "no $SRV (fetch.build failed?)"; exit 1; }
T=$WORK/live
rm -rf "$T" && mkdir -p "$T/home"
export TZ=UTC HOME=$T/home LANG=C.UTF-8 TERM=xterm-256color PPROF_TMPDIR=$T/saved
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY ALL_PROXY all_proxy no_proxy NO_PROXY
pid=
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; wait 2>/dev/null' EXIT
"$SRV" -portfile "$T/port" -lifetime 170s 2> "$T/srv.log" &
pid=$!
for _ in $(seq 100); do [[ -s "$T/port" ]] && break; sleep 0.1; done
PORT=$(cat "$T/port" 2>/dev/null) || { echo "server did not start"; cat "$T/srv.log"; exit 1; }
URL=http://127.0.0.1:$PORT/debug/pprof/heap
status=0

run() { # N: N refreshes after a focus and a sort; prints peak RSS in KB
    local n=$1
    { printf 'fs'; for _ in $(seq "$n"); do printf '<Refresh>'; done; printf '<Dump>'; } > "$T/keys.$n"
    # under AddressSanitizer, freed memory waits in a quarantine: none here, so RSS means
    # what is still held (the variable is ignored by a normal build)
    ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=0:thread_local_quarantine_size_kb=0" \
    /usr/bin/time -f '%M' -o "$T/rss.$n" "$PVIEW" -tui_size=120x30 -tui_keys="$T/keys.$n" \
        -tui_dump="$T/dump.$n" "$URL" 2> "$T/err.$n" || { echo "FAIL: pview exited ($n refreshes)" >&2; cat "$T/err.$n" >&2; echo 0; return; }
    tail -1 "$T/rss.$n"
}
r10=$(run 10)
r100=$(run 100)
grep -q "live off · fetch 100  │ focus=" "$T/dump.100" || { echo "FAIL: the header does not count 100 fetches with the focus kept"; tail -30 "$T/dump.100"; status=1; }
grep -q "sort=cum" "$T/dump.100" || { echo "FAIL: the sort did not stay"; status=1; }
grep -q "refresh failed" "$T/dump.100" && { echo "FAIL: a refresh failed"; status=1; }
[ "$r10" -gt 0 ] && [ "$r100" -gt 0 ] || { echo "FAIL: pview failed"; exit 1; }
limit=$((r10 * 125 / 100 + 8192))
echo "peak RSS: 10 refreshes ${r10} KB, 100 refreshes ${r100} KB (limit ${limit} KB)"
[ "$r100" -le "$limit" ] || { echo "FAIL: memory grows with refreshes"; status=1; }
[ $status -eq 0 ] && echo "PASS live"
exit $status

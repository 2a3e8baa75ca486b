#!/usr/bin/env bash
# The live view's delay from a download's end to its profile on screen: pview -refresh runs
# in a pseudo-terminal against a local HTTP server (127.0.0.1, a port it picks) that serves
# PROFILE, for SECONDS; PVIEW_LIVE_TIMINGS records when each download started ("started") and
# ended ("fetched"), when its model was made ("model"), when its profile was drawn ("shown") and
# drawn again with the rows' "(inline)" marks ("marked"). The first fetch, which has no sizes
# from a fetch before it to start its arrays at, is timed apart ("first_fetched" to
# "first_shown"): once in that run, and LIVE_FIRST=N more times, each in a process of its own
# (`pview URL`, no -refresh). Prints the delays' medians and the time `pview -top` takes on the
# same file for comparison. Target (issue: live sources): within 100 ms for profiles up to 10 MB.
#
# usage: bench/live.sh PROFILE [SECONDS]    (environment: PVIEW, default build/pview; LIVE_KEEP=FILE
# keeps the raw timings; LIVE_MBIT=N has the server send at most N megabits a second, as a
# network would, instead of as fast as the loopback takes it; LIVE_FIRST=N, see above)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
PVIEW=${PVIEW:-$root/build/pview}
prof=$1
secs=${2:-12}
command -v python3 >/dev/null || { echo "live.sh: needs python3 (its http.server)" >&2; exit 1; }
command -v script >/dev/null || { echo "live.sh: needs script (bsdutils)" >&2; exit 1; }
tmp=$(mktemp -d)
srv=
trap '[ -n "$srv" ] && kill "$srv" 2>/dev/null; rm -rf "$tmp"' EXIT
cp "$prof" "$tmp/p.pb.gz"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cat > "$tmp/serve.py" <<'PY'
import http.server, os, sys, time
port, mbit = int(sys.argv[1]), float(sys.argv[2])
class Handler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args): pass
    def copyfile(self, src, dst):
        if mbit <= 0:
            return super().copyfile(src, dst)
        start, sent = time.monotonic(), 0
        while True:
            chunk = src.read(65536)
            if not chunk:
                return
            dst.write(chunk)
            sent += len(chunk)
            ahead = start + sent * 8 / (mbit * 1e6) - time.monotonic()
            if ahead > 0:
                time.sleep(ahead)
http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()
PY
(cd "$tmp" && exec python3 "$tmp/serve.py" "$port" "${LIVE_MBIT:-0}" >/dev/null 2>&1) &
srv=$!
for _ in $(seq 50); do
    python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/p.pb.gz')" 2>/dev/null && break
    sleep 0.1
done
# keys come late: q after the run; the terminal is 200x50
(sleep "$secs"; printf q) | env TERM=xterm-256color LANG=C.UTF-8 PPROF_TMPDIR="$tmp/saved" \
    PVIEW_LIVE_TIMINGS="$tmp/times" COLUMNS=200 LINES=50 \
    script -q -e -c "stty rows 50 cols 200; $PVIEW -symbolize=none -refresh=1s http://127.0.0.1:$port/p.pb.gz" \
    /dev/null >/dev/null 2>&1 || true
# more first fetches, each in a new process: q once it has been on screen a while
for _ in $(seq "${LIVE_FIRST:-0}"); do
    (sleep 2; printf q) | env TERM=xterm-256color LANG=C.UTF-8 PPROF_TMPDIR="$tmp/saved" \
        PVIEW_LIVE_TIMINGS="$tmp/times" COLUMNS=200 LINES=50 \
        script -q -e -c "stty rows 50 cols 200; $PVIEW -symbolize=none http://127.0.0.1:$port/p.pb.gz" \
        /dev/null >/dev/null 2>&1 || true
done
size=$(wc -c < "$prof")
[ -n "${LIVE_KEEP:-}" ] && cp "$tmp/times" "$LIVE_KEEP" # the raw timings, when asked
t0=$(date +%s.%N)
"$PVIEW" -top -symbolize=none "$prof" >/dev/null
t1=$(date +%s.%N)
echo "profile: $prof ($size bytes), pview: $PVIEW${LIVE_MBIT:+, served at $LIVE_MBIT Mbit/s}"
awk -v top="$(awk -v a="$t0" -v b="$t1" 'BEGIN { print (b - a) * 1000 }')" '
    function sort(a, n,    i, j, t) { for (i = 0; i < n; i++) for (j = i + 1; j < n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t } }
    $1 == "started" { s = $2; fs = 0; next }
    $1 == "fetched" { f = $2; next }
    $1 == "model" { md = $2; next }
    BEGIN { n = 0 }
    $1 == "shown" && f { d[n] = $2 - f; w[n] = $2 - s; x[n] = f - s; a[n] = md - f; b[n++] = $2 - md; fs = f; f = 0 }
    $1 == "marked" && fs { mk[nm++] = $2 - fs; fs = 0 }
    $1 == "first_fetched" { ff = $2; next }
    $1 == "first_shown" && ff { fd[nf++] = $2 - ff; ff = 0 }
    END {
        if (n == 0) { print "no refresh was shown"; exit 1 }
        sort(d, n); sort(w, n); sort(x, n); sort(a, n); sort(b, n)
        printf "download end to screen, %d refreshes: median %.1f ms, min %.1f ms, max %.1f ms\n", n, d[int(n / 2)], d[0], d[n - 1]
        printf "  of which download end to model (decoding left, tables): median %.1f ms; model to screen (report, drawing): median %.1f ms\n", a[int(n / 2)], b[int(n / 2)]
        if (nm) { sort(mk, nm); printf "download end to the rows'"'"' (inline) marks (a second pass, drawn again): median %.1f ms\n", mk[int(nm / 2)] }
        printf "download (request to its end, inflating included): median %.1f ms; request to screen: median %.1f ms\n", x[int(n / 2)], w[int(n / 2)]
        if (nf) {
            sort(fd, nf)
            printf "first fetches (no sizes from a fetch before), download end to screen, %d: median %.1f ms, min %.1f ms, max %.1f ms\n", nf, fd[int(nf / 2)], fd[0], fd[nf - 1]
        }
        printf "pview -top on the file (load, report, print): %.1f ms\n", top
    }' "$tmp/times"

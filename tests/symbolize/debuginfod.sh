#!/bin/sh
# Symbolization through a real debuginfod server (Debian's `debuginfod`), started here on a
# free loopback port over a scratch directory holding only inl-pie's debug file and inl-pie
# itself, and stopped at the end. DEBUGINFOD_CACHE_PATH is a scratch directory, so the cache
# starts empty; DEBUGINFOD_TIMEOUT bounds every fetch.
#   debuginfod.sh PV_SYMTEST TESTDATA_DIR EXPECTED_DIR
# Cases: (1) the stripped inl-pie, its debug file only on the server: frames equal the
# unstripped case and the file lands in the cache; (2) the mapping's binary exists nowhere
# locally: the executable is fetched by build id; (3) the progress hook cancels the download:
# a warning saying so; (4) a build id the server lacks: a warning, unsymbolized; (5) a server
# that is down: a warning, unsymbolized, quickly; (6) without DEBUGINFOD_URLS nothing is fetched.
# Case (1) also checks that the progress hook of pv_symbolize_ex is called.
set -u
symtest=$1 td=$2 ex=$3
command -v debuginfod >/dev/null || { echo "FAIL: debuginfod not installed (scripts/deps.sh --test)"; exit 1; }
command -v curl >/dev/null || { echo "FAIL: curl not installed (scripts/deps.sh --test)"; exit 1; }
tmp=$(mktemp -d)
pid=
cleanup() {
    [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM
id=ca06442eedc0457bdafa942cf3e1db51913f21ba
mkdir -p "$tmp/srv" "$tmp/cache"
cp "$td/debug/.build-id/ca/06442eedc0457bdafa942cf3e1db51913f21ba.debug" "$td/inl-pie" "$tmp/srv/"

# a free port: the first of a few candidates on which nothing answers and the server starts
port=
for try in 1 2 3 4 5; do
    p=$((20000 + ($$ * 7 + try * 131) % 30000))
    curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$p/" && continue
    debuginfod -F -d "$tmp/db.sqlite" -p "$p" -t 0 -g 0 -c 1 "$tmp/srv" > "$tmp/server.log" 2>&1 &
    pid=$!
    # ready when both files are indexed (bounded: 20 s)
    n=0
    while [ $n -lt 100 ]; do
        kill -0 "$pid" 2>/dev/null || break
        if [ "$(curl -s --max-time 1 -o /dev/null -w '%{http_code}' "http://127.0.0.1:$p/buildid/$id/executable")" = 200 ] &&
           [ "$(curl -s --max-time 1 -o /dev/null -w '%{http_code}' "http://127.0.0.1:$p/buildid/$id/debuginfo")" = 200 ]; then
            port=$p
            break
        fi
        sleep 0.2
        n=$((n + 1))
    done
    [ -n "$port" ] && break
    kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; pid=
done
[ -n "$port" ] || { echo "FAIL: debuginfod did not start"; cat "$tmp/server.log"; exit 1; }
echo "debuginfod on 127.0.0.1:$port"

status=0
run() { # NAME URLS EXPECTED(file or -) STDERR_REGEX(or none) ARGS...
    name=$1 urls=$2 want=$3 errre=$4
    shift 4
    t0=$(date +%s)
    env PPROF_BINARY_PATH= PVIEW_BINARY_PATH= DEBUGINFOD_URLS="$urls" DEBUGINFOD_CACHE_PATH="$tmp/cache" \
        DEBUGINFOD_TIMEOUT=5 "$symtest" "$@" > "$tmp/out" 2> "$tmp/err"
    rc=$?
    t1=$(date +%s)
    ok=1
    [ $rc -eq 0 ] || { echo "$name: exit status $rc"; ok=0; }
    [ $((t1 - t0)) -le 15 ] || { echo "$name: took $((t1 - t0)) s"; ok=0; }
    if [ "$want" != - ] && ! diff -u "$want" "$tmp/out" > "$tmp/diff"; then
        echo "$name: frames differ from $want"; head -20 "$tmp/diff"; ok=0
    fi
    case $errre in
        none) if grep -q "^warning:" "$tmp/err"; then echo "$name: unexpected warning"; cat "$tmp/err"; ok=0; fi ;;
        *) grep -Eq -- "$errre" "$tmp/err" || { echo "$name: stderr does not match /$errre/"; cat "$tmp/err"; ok=0; } ;;
    esac
    if [ $ok = 1 ]; then echo "ok: $name"; else echo "FAIL: $name"; status=1; fi
}
url=http://127.0.0.1:$port

run debug-file-fetched "$url" "$ex/inl-pie.out" "^progress: debuginfod: debug information of build id $id [0-9]+/[0-9]+$" \
    -P -v -a "$ex/inl-pie.addrs" "$td/inl-pie-stripped"
grep -q "^warning:" "$tmp/err" && { echo "FAIL: debug-file-fetched: a warning"; cat "$tmp/err"; status=1; }
[ -s "$tmp/cache/$id/debuginfo" ] || { echo "FAIL: $tmp/cache/$id/debuginfo not in the cache"; status=1; }
run executable-fetched "$url" "$ex/inl-pie.out" none -v -a "$ex/inl-pie.runtime.addrs" \
    -m 555555555000:555555556000:1000 -i $id -p /gone/inl-pie unused
[ -s "$tmp/cache/$id/executable" ] || { echo "FAIL: $tmp/cache/$id/executable not in the cache"; status=1; }
rm -rf "$tmp/cache" && mkdir "$tmp/cache"
run download-canceled "$url" - "debuginfod: no debug information for .*inl-pie-stripped \(build id $id\): download canceled" \
    -K -v -a "$ex/inl-pie.addrs" "$td/inl-pie-stripped"
grep -q "/fixture/src/inl.c" "$tmp/out" && { echo "FAIL: download-canceled: lines without debug information"; status=1; }
run server-lacks-it "$url" "$ex/unsymbolized1.out" \
    "debuginfod: no executable for /gone/x \(build id 00112233445566778899aabbccddeeff00112233\)" \
    -i 00112233445566778899aabbccddeeff00112233 -p /gone/x unused 0x1190
rm -rf "$tmp/cache" && mkdir "$tmp/cache"
kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; pid=
run server-down "$url" - "debuginfod: no debug information for .*inl-pie-stripped \(build id $id\)" \
    -v -a "$ex/inl-pie.addrs" "$td/inl-pie-stripped"
grep -q "/fixture/src/inl.c" "$tmp/out" && { echo "FAIL: server-down: lines without debug information"; status=1; }
run no-urls "" "$ex/unsymbolized1.out" "could not find /gone/inl-pie" -i $id -p /gone/inl-pie unused 0x1190
grep -q debuginfod "$tmp/err" && { echo "FAIL: no-urls: debuginfod tried"; status=1; }
exit $status

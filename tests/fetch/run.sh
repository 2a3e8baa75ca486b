#!/bin/bash
# Fetch tests against fetchsrv (a Go service with net/http/pprof, built by build-server.sh)
# started here on a loopback port it picks, bounded in time, and killed at the end.
#   run.sh PVIEW WORKDIR GROUP [FETCH_API]     GROUP: http | errors | https | symbolz | gzip | api
# Every fetched profile's pview -top must equal `go tool pprof -top` on the saved file.
set -u
PVIEW=$1
WORK=$2
GROUP=$3
SRV=$WORK/fetchsrv
[[ -x "$SRV" ]] || { echo "no $SRV (fetch.build failed?)"; exit 1; }
T=$WORK/$GROUP
rm -rf "$T"
mkdir -p "$T"
export TZ=UTC HOME=$T/home
export GO111MODULE=off GOPROXY=off GOFLAGS= GOCACHE="$WORK/gocache"
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY ALL_PROXY all_proxy no_proxy NO_PROXY
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
    wait 2>/dev/null
}
trap cleanup EXIT

# start NAME [ARGS...]: starts a server; its port in $PORT
start() {
    local name=$1
    shift
    rm -f "$T/$name.port"
    "$SRV" -portfile "$T/$name.port" -lifetime 170s "$@" 2> "$T/$name.log" &
    pids+=($!)
    for _ in $(seq 100); do
        [[ -s "$T/$name.port" ]] && break
        sleep 0.1
    done
    PORT=$(cat "$T/$name.port" 2>/dev/null) || { echo "server $name did not start"; cat "$T/$name.log"; exit 1; }
}

# fetch NAME NSAVED PREFIX FUNC [GOARGS... --] ARGS...: pview -top ARGS fetches into a fresh
# PPROF_TMPDIR; NSAVED files named PREFIX001.pb.gz, PREFIX002.pb.gz... are saved, stderr says
# so in pprof's words (after "Fetching profile over HTTP from"), the output names FUNC (the
# workload), and it equals `go tool pprof -top GOARGS SAVED...`.
fetch() {
    local name=$1 nsaved=$2 prefix=$3 func=$4
    shift 4
    local goargs=()
    if [[ " $* " == *" -- "* ]]; then
        while [[ $1 != -- ]]; do
            goargs+=("$1")
            shift
        done
        shift
    fi
    local d=$T/$name.saved
    local t0 t1
    t0=$(date +%s.%N)
    PPROF_TMPDIR=$d timeout 60 "$PVIEW" -top "$@" > "$T/$name.out" 2> "$T/$name.err"
    local rc=$?
    t1=$(date +%s.%N)
    awk -v a="$t0" -v b="$t1" -v n="$name" 'BEGIN { printf "%s: %.3f s\n", n, b - a }'
    if [[ $rc -ne 0 ]]; then
        bad "$name: exit $rc"
        cat "$T/$name.err"
        return
    fi
    local saved=() i
    for ((i = 1; i <= nsaved; i++)); do
        saved+=("$d/$(printf '%s%03d.pb.gz' "$prefix" "$i")")
    done
    local want_saved got_saved
    want_saved=$(for f in "${saved[@]}"; do echo "Saved profile in $f"; done)
    got_saved=$(grep '^Saved profile in ' "$T/$name.err")
    if [[ "$got_saved" != "$want_saved" ]] || [[ $(ls "$d" | wc -l) -ne $nsaved ]]; then
        bad "$name: saved files"
        cat "$T/$name.err"
        ls "$d"
        return
    fi
    if [[ $(grep -c '^Fetching profile over HTTP from ' "$T/$name.err") -lt 1 ]]; then
        bad "$name: no 'Fetching profile over HTTP from' line"
        return
    fi
    if ! grep -q "$func" "$T/$name.out"; then
        bad "$name: $func not in the output"
        head -20 "$T/$name.out"
        return
    fi
    timeout 60 go tool pprof -top "${goargs[@]}" "${saved[@]}" > "$T/$name.go" 2> /dev/null
    if cmp -s "$T/$name.go" "$T/$name.out"; then
        ok
    else
        bad "$name: pview -top differs from go tool pprof -top ${saved[*]}"
        diff -u "$T/$name.go" "$T/$name.out" | head -30
    fi
}

# err_case NAME WANT_RC LINE ARGS...: pview -top ARGS exits WANT_RC, prints nothing on stdout,
# saves nothing, and its last stderr line matches the extended regex LINE (whole line).
err_case() {
    local name=$1 want_rc=$2 line=$3
    shift 3
    local d=$T/$name.saved
    PPROF_TMPDIR=$d timeout 60 "$PVIEW" -top "$@" > "$T/$name.out" 2> "$T/$name.err"
    local rc=$?
    local last
    last=$(tail -n 1 "$T/$name.err")
    if [[ $rc -eq $want_rc && ! -s "$T/$name.out" && ! -e "$d" ]] && [[ "$last" =~ ^${line}$ ]]; then
        ok
    else
        bad "$name: rc=$rc (want $want_rc), stderr:"
        cat "$T/$name.err"
        echo "wanted last line: $line"
    fi
}

# stderr_is NAME TEXT: the whole stderr of case NAME
stderr_is() {
    if [[ "$(cat "$T/$1.err")" == "$2" ]]; then ok; else
        bad "$1: stderr:"
        cat "$T/$1.err"
        echo "wanted:"
        echo "$2"
    fi
}

re() { printf '%s' "$1" | sed 's/[][\.*^$(){}?+|/]/\\&/g'; } # a literal as an extended regex

# same_as_pprof NAME REPORT-ARGS...: pview and go tool pprof run with the same arguments (a URL
# among them) against the same server: the same exit status, the same standard output, the
# same standard error (pview's "pview: " before a problem, each its own save directory), the
# same saved files, which read the same (go tool pprof -raw and -proto on each).
same_as_pprof() {
    local name=$1
    shift
    local d=$T/$name
    mkdir -p "$d"
    PPROF_TMPDIR=$d/go.saved timeout 60 go tool pprof "$@" > "$d/go.out" 2> "$d/go.err"
    local grc=$?
    PPROF_TMPDIR=$d/pv.saved timeout 60 "$PVIEW" "$@" > "$d/pv.out" 2> "$d/pv.err"
    local prc=$?
    sed "s|$d/go.saved/|SAVED/|" "$d/go.err" > "$d/go.err.n"
    sed -e "s|$d/pv.saved/|SAVED/|" -e 's/^pview: //' "$d/pv.err" > "$d/pv.err.n"
    if [[ -n "${DROP_PPROF_MISSING_BINARIES:-}" ]]; then # pprof's local symbolizer lines pview does not print
        grep -v -e '^Some binary filenames not available' -e '^Try setting PPROF_BINARY_PATH' "$d/go.err.n" > "$d/go.err.f"
        mv "$d/go.err.f" "$d/go.err.n"
    fi
    if [[ $grc -ne $prc ]] || ! cmp -s "$d/go.out" "$d/pv.out" || ! cmp -s "$d/go.err.n" "$d/pv.err.n"; then
        bad "$name: pview $* differs from go tool pprof (exit $prc, pprof $grc)"
        diff -u "$d/go.out" "$d/pv.out" | head -30
        diff -u "$d/go.err.n" "$d/pv.err.n"
        return 1
    fi
    local gs ps f
    gs=$(ls "$d/go.saved" 2> /dev/null)
    ps=$(ls "$d/pv.saved" 2> /dev/null)
    if [[ "$gs" != "$ps" ]]; then
        bad "$name: saved [$ps], pprof saved [$gs]"
        return 1
    fi
    for f in $gs; do
        for r in -raw -proto; do
            timeout 60 go tool pprof $r "$d/go.saved/$f" > "$d/go$r" 2> /dev/null
            timeout 60 go tool pprof $r "$d/pv.saved/$f" > "$d/pv$r" 2> /dev/null
            if [[ ! -s "$d/go$r" ]] || ! cmp -s "$d/go$r" "$d/pv$r"; then
                bad "$name: go tool pprof $r differs on the saved $f"
                diff -u <(gunzip -c "$d/go$r" 2> /dev/null || cat "$d/go$r") <(gunzip -c "$d/pv$r" 2> /dev/null || cat "$d/pv$r") | head -20
                return 1
            fi
        done
    done
    ok
}

# has NAME TEXT: pview's output in case NAME holds TEXT (the case means what it says)
has() {
    if grep -qF -- "$2" "$T/$1/pv.out"; then ok; else bad "$1: no '$2' in the output"; head -20 "$T/$1/pv.out"; fi
}

case $GROUP in
http)
    start a
    A=$PORT
    start b
    B=$PORT
    sleep 1 # let the workload run a little (mutex and block events)
    U=http://127.0.0.1:$A/debug/pprof
    fetch cpu 1 pprof.fetchsrv.samples.cpu. main.spinA -seconds=1 "$U/profile"
    stderr_is cpu "Fetching profile over HTTP from $U/profile?seconds=1
Please wait... (1s)
Saved profile in $T/cpu.saved/pprof.fetchsrv.samples.cpu.001.pb.gz"
    fetch heap 1 pprof.fetchsrv.alloc_objects.alloc_space.inuse_objects.inuse_space. main.keepAlloc "$U/heap"
    fetch heap-delta 1 pprof.fetchsrv.alloc_objects.alloc_space.inuse_objects.inuse_space. main.churnAlloc \
        -sample_index=alloc_space -- -seconds=1 -sample_index=alloc_space "$U/heap"
    fetch allocs 1 pprof.fetchsrv.alloc_objects.alloc_space.inuse_objects.inuse_space. main.churnAlloc "$U/allocs"
    fetch goroutine 1 pprof.fetchsrv.goroutine. main.parked "$U/goroutine"
    fetch mutex 1 pprof.fetchsrv.contentions.delay. main.lockHog "$U/mutex"
    fetch block 1 pprof.fetchsrv.contentions.delay. main.blockHog "$U/block"
    # host:port alone: /debug/pprof/profile
    fetch hostport 1 pprof.fetchsrv.samples.cpu. main.spinA -seconds=1 "127.0.0.1:$A"
    stderr_is hostport "Fetching profile over HTTP from http://127.0.0.1:$A/debug/pprof/profile?seconds=1
Please wait... (1s)
Saved profile in $T/hostport.saved/pprof.fetchsrv.samples.cpu.001.pb.gz"
    # host:port/path, a query re-encoded as Go does, the URL's own seconds
    fetch hostpath 1 pprof.fetchsrv.samples.cpu. main.spinA "127.0.0.1:$A/debug/pprof/profile?seconds=1&b=x%20y&a=1"
    stderr_is hostpath "Fetching profile over HTTP from http://127.0.0.1:$A/debug/pprof/profile?a=1&b=x+y&seconds=1
Please wait... (1s)
Saved profile in $T/hostpath.saved/pprof.fetchsrv.samples.cpu.001.pb.gz"
    # two replicas, fetched at the same time, merged, and the merged profile saved
    fetch replicas 1 pprof.fetchsrv.samples.cpu. main.spinA -seconds=1 "$U/profile" "http://127.0.0.1:$B/debug/pprof/profile"
    # a URL and a local file: both merged in the saved copy
    cp "$T/cpu.saved/pprof.fetchsrv.samples.cpu.001.pb.gz" "$T/local-cpu.pb.gz"
    fetch url-and-file 1 pprof.fetchsrv.samples.cpu. main.spinA -seconds=1 "$U/profile" "$T/local-cpu.pb.gz"
    # the saved copy is the merged profile: as both sources read together
    timeout 60 go tool pprof -top "$T/local-cpu.pb.gz" "$T/replicas.saved/pprof.fetchsrv.samples.cpu.001.pb.gz" > "$T/resave.go" 2> /dev/null
    timeout 60 "$PVIEW" -top "$T/local-cpu.pb.gz" "$T/replicas.saved/pprof.fetchsrv.samples.cpu.001.pb.gz" > "$T/resave.out" 2> /dev/null
    if [[ -s "$T/resave.go" ]] && cmp -s "$T/resave.go" "$T/resave.out"; then ok; else bad "resave: a saved merged profile read with another differs"; fi
    # a URL and a local file together
    cp "$T/cpu.saved/pprof.fetchsrv.samples.cpu.001.pb.gz" "$T/local.pb.gz"
    PPROF_TMPDIR=$T/mixed.saved timeout 60 "$PVIEW" -top "$U/goroutine" "$T/local.pb.gz" > "$T/mixed.out" 2> "$T/mixed.err"
    if [[ $? -eq 1 ]] && grep -q "local.pb.gz: .*sample types" "$T/mixed.err"; then ok; else
        bad "mixed: a goroutine profile merged with a CPU profile must fail on the sample types"
        cat "$T/mixed.err"
    fi
    # a fetch decoded as it comes reserves large arrays, which an address-space limit can
    # refuse: it then starts them small, and reports the same (not under AddressSanitizer,
    # whose shadow memory needs no limit)
    if ! ldd "$PVIEW" 2> /dev/null | grep -q libasan; then
        (ulimit -v 150000 && PPROF_TMPDIR=$T/vlimit.saved timeout 60 "$PVIEW" -top -seconds=1 "$U/profile") > "$T/vlimit.out" 2> "$T/vlimit.err"
        vrc=$?
        vsaved=$(ls "$T"/vlimit.saved/*.pb.gz 2> /dev/null | head -1)
        timeout 60 "$PVIEW" -top "$vsaved" > "$T/vlimit.file" 2> /dev/null
        if [[ $vrc -eq 0 && -s "$T/vlimit.out" ]] && grep -q main.spinA "$T/vlimit.out" && cmp -s "$T/vlimit.out" "$T/vlimit.file"; then ok; else
            bad "vlimit: a fetch under ulimit -v 150000 (exit $vrc) differs from its saved copy read without it"
            cat "$T/vlimit.err"
        fi
    fi
    # on a terminal: a countdown while the server collects, blanked before the next line
    PPROF_TMPDIR=$T/tty.saved timeout 30 script -qec "$PVIEW -top -nodecount=1 -seconds=2 $U/profile" /dev/null > "$T/tty.out" 2>&1
    if grep -qF $'\r2 s left \r' "$T/tty.out" && grep -qF $'\r               \rSaved profile in' "$T/tty.out"; then ok; else
        bad "tty: no countdown, or not blanked"
        od -c "$T/tty.out" | head -20
    fi
    # the [binary] argument names the saved file
    cp "$SRV" "$T/renamed-binary"
    fetch binary-arg 1 pprof.renamed-binary.goroutine. main.parked -- "$T/renamed-binary" "$U/goroutine"
    # (the saved copy names the binary itself: go tool pprof needs no [binary] argument)
    ;;
errors)
    start a
    A=$PORT
    FREE=$("$SRV" -freeport)
    U=http://127.0.0.1:$FREE/debug/pprof/heap
    err_case refused 1 "pview: $(re "$U"): Get \"$(re "$U")\": .*\(Connection refused\)" "$U"
    stderr_is refused "Fetching profile over HTTP from $U
$(tail -n 1 "$T/refused.err")"
    err_case status-404 1 "pview: $(re "http://127.0.0.1:$A/404"): server response: 404 Not Found" "http://127.0.0.1:$A/404"
    err_case status-500 1 "pview: $(re "http://127.0.0.1:$A/500"): server response: 500 Internal Server Error" "http://127.0.0.1:$A/500"
    # a Go pprof handler's error: its text is shown
    err_case pprof-error 1 "pview: $(re "http://127.0.0.1:$A/debug/pprof/nosuch"): server response: 404 Not Found - Unknown profile" \
        "http://127.0.0.1:$A/debug/pprof/nosuch"
    err_case bad-seconds 1 "pview: .*: server response: 400 Bad Request - invalid value for \"seconds\" - must be a positive integer" \
        "http://127.0.0.1:$A/debug/pprof/heap?seconds=soon"
    err_case html 1 "pview: $(re "http://127.0.0.1:$A/html"): not a profile\.proto file .* \(the server sent an HTML page\)" "http://127.0.0.1:$A/html"
    # never answers: go tool pprof waits timeout + 5 s for the headers
    t0=$(date +%s)
    err_case timeout 1 "pview: $(re "http://127.0.0.1:$A/hang"): Get \"$(re "http://127.0.0.1:$A/hang")\": timeout awaiting response headers \(6s; see -timeout\)" \
        -timeout=1 "http://127.0.0.1:$A/hang"
    t1=$(date +%s)
    if (( t1 - t0 >= 5 && t1 - t0 <= 15 )); then ok; else bad "timeout: took $((t1 - t0)) s, want about 6"; fi
    # headers, then a body that stops: given up after timeout + 6 s without a byte
    t0=$(date +%s)
    err_case stall 1 "pview: $(re "http://127.0.0.1:$A/stall"): Get \"$(re "http://127.0.0.1:$A/stall")\": Operation too slow\. .*" \
        -timeout=1 "http://127.0.0.1:$A/stall"
    t1=$(date +%s)
    if (( t1 - t0 >= 6 && t1 - t0 <= 16 )); then ok; else bad "stall: took $((t1 - t0)) s, want about 7"; fi
    # one good source and one bad: pprof carries on with what it got
    PPROF_TMPDIR=$T/partial.saved timeout 60 "$PVIEW" -top "http://127.0.0.1:$A/debug/pprof/goroutine" "http://127.0.0.1:$A/404" \
        > "$T/partial.out" 2> "$T/partial.err"
    rc=$?
    s=$(sed -n 's/^Saved profile in //p' "$T/partial.err")
    timeout 60 go tool pprof -top "$s" > "$T/partial.go" 2> /dev/null
    if [[ $rc -eq 0 ]] && grep -qx "pview: http://127.0.0.1:$A/404: server response: 404 Not Found" "$T/partial.err" &&
        grep -qx "Fetched 1 source profiles out of 2" "$T/partial.err" && cmp -s "$T/partial.go" "$T/partial.out"; then ok; else
        bad "partial: rc=$rc"
        cat "$T/partial.err"
    fi
    err_case none-fetched 1 "pview: failed to fetch any source profiles" "http://127.0.0.1:$A/404" "http://127.0.0.1:$A/500"
    err_case key-without-cert 1 "pview: -tls_key is specified, so -tls_cert must also be specified" -tls_key=/dev/null "http://127.0.0.1:$A/debug/pprof/heap"
    err_case cert-without-key 1 "pview: -tls_cert is specified, so -tls_key must also be specified" -tls_cert=/dev/null "http://127.0.0.1:$A/debug/pprof/heap"
    err_case missing-ca 1 "pview: could not load CA specified by -tls_ca: $T/nope\.pem: No such file or directory" -tls_ca="$T/nope.pem" "http://127.0.0.1:$A/debug/pprof/heap"
    err_case bad-seconds-flag 2 "\(pview --help lists the flags\)" -seconds=soon "http://127.0.0.1:$A/debug/pprof/heap"
    # no save directory can be made: PPROF_TMPDIR and HOME/pprof are files, TMPDIR too
    : > "$T/file"
    HOME=$T/file TMPDIR=$T/file PPROF_TMPDIR=$T/file timeout 60 "$PVIEW" -top "http://127.0.0.1:$A/debug/pprof/goroutine" > "$T/nodir.out" 2> "$T/nodir.err"
    rc=$?
    if [[ $rc -eq 1 ]] && grep -qx "Could not use temp dir $T/file: Not a directory" "$T/nodir.err" &&
        [[ "$(tail -n 1 "$T/nodir.err")" == "pview: failed to identify temp dir" ]]; then ok; else
        bad "nodir: rc=$rc"
        cat "$T/nodir.err"
    fi
    ;;
https)
    openssl req -x509 -newkey rsa:2048 -nodes -keyout "$T/key.pem" -out "$T/cert.pem" -days 1 \
        -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 2> "$T/openssl.log" || { cat "$T/openssl.log"; exit 1; }
    start tls -tlscert "$T/cert.pem" -tlskey "$T/key.pem"
    A=$PORT
    U=https://127.0.0.1:$A/debug/pprof/heap
    err_case untrusted 1 "pview: $(re "$U"): Get \"$(re "$U")\": SSL certificate problem: self-signed certificate" "$U"
    fetch tls-ca 1 pprof.fetchsrv.alloc_objects.alloc_space.inuse_objects.inuse_space. main.keepAlloc -tls_ca="$T/cert.pem" "$U"
    fetch tls-client-cert 1 pprof.fetchsrv.goroutine. main.parked -tls_ca="$T/cert.pem" -tls_cert="$T/cert.pem" \
        -tls_key="$T/key.pem" "https://127.0.0.1:$A/debug/pprof/goroutine"
    fetch insecure 1 pprof.fetchsrv.samples.cpu. main.spinA -seconds=1 "https+insecure://127.0.0.1:$A/debug/pprof/profile"
    # remote symbolization over TLS: the symbol endpoint is POSTed to as the profile was fetched
    fetch insecure-symbolz 1 pprof.goroutine. main.parked "https+insecure://127.0.0.1:$A/debug/pprof/goroutine?debug=1"
    fetch tls-ca-symbolz 1 pprof.goroutine. main.parked -tls_ca="$T/cert.pem" "https://127.0.0.1:$A/debug/pprof/goroutine?debug=1"
    stderr_is insecure "Fetching profile over HTTP from https+insecure://127.0.0.1:$A/debug/pprof/profile?seconds=1
Please wait... (1s)
Saved profile in $T/insecure.saved/pprof.fetchsrv.samples.cpu.001.pb.gz"
    # plain HTTP to the TLS port
    err_case http-to-https 1 "pview: .*server response: 400 Bad Request" "http://127.0.0.1:$A/debug/pprof/heap"
    ;;
symbolz)
    # remote symbolization: legacy text bodies (debug=1) carry addresses only, which go tool
    # pprof names by POSTing them to the server's /debug/pprof/symbol
    start q -quiet # goroutines that never change, and symbol endpoints that fail
    Q=http://127.0.0.1:$PORT
    same_as_pprof goroutine -top "$Q/debug/pprof/goroutine?debug=1" && has goroutine main.parked
    same_as_pprof goroutine-raw -raw "$Q/debug/pprof/goroutine?debug=1" && has goroutine-raw main.waitForever
    same_as_pprof goroutine-lines -top -lines "$Q/debug/pprof/goroutine?debug=1" && has goroutine-lines main.parked
    # the heap holds what the start-up sampled, by chance (not always runtime.malg): named
    # runtime frames show that the addresses were symbolized
    same_as_pprof heap -top "$Q/debug/pprof/heap?debug=1" && has heap runtime.
    # the saved copy holds -add_comment too
    same_as_pprof comment -comments -add_comment="a note" "$Q/debug/pprof/goroutine?debug=1" && has comment "a note"
    same_as_pprof heap-traces -traces "$Q/debug/pprof/heap?debug=1" && has heap-traces runtime.
    # -symbolize: none and local leave the addresses, remote and force name them
    for mode in none local fastlocal remote force remote:force none:force; do
        same_as_pprof "mode-$mode" -top -symbolize=$mode "$Q/debug/pprof/goroutine?debug=1"
    done
    has mode-none "<unknown>"
    has mode-remote main.parked
    # -diff_base with a fetched source (the base a file: the unsymbolized copy saved above):
    # fetched, symbolized, the base applied, and saved with its base, as pprof does
    base=$(ls "$T/mode-none/go.saved/"*.pb.gz | head -n 1)
    # (pprof also says "Some binary filenames not available...": the base's mapping has no file)
    DROP_PPROF_MISSING_BINARIES=1 same_as_pprof diff-base -top -diff_base="$base" "$Q/debug/pprof/goroutine?debug=1" &&
        has diff-base main.parked
    # the TUI's :diff_base= on a fetched profile reads the saved copy again: nothing fetched
    # (nor saved) a second time, nothing on stderr under the screen
    printf ':diff_base=%s<Enter><Dump>' "$base" > "$T/reload.keys"
    PPROF_TMPDIR=$T/reload.saved TERM=xterm LANG=C.UTF-8 timeout 60 "$PVIEW" -tui_size=160x40 -tui_keys="$T/reload.keys" \
        -tui_dump="$T/reload.dump" "$Q/debug/pprof/goroutine?debug=1" > /dev/null 2> "$T/reload.err"
    if grep -q "diff_base=$base" "$T/reload.dump" && grep -q "main.parked" "$T/reload.dump" &&
        [[ "$(cat "$T/reload.err")" == "Saved profile in $T/reload.saved/pprof.goroutine.001.pb.gz" ]] &&
        [[ $(ls "$T/reload.saved" | wc -l) -eq 1 ]]; then ok; else
        bad "reload: :diff_base= on a fetched profile fetched again, or said something on stderr"
        ls "$T/reload.saved"
        cat "$T/reload.dump" "$T/reload.err"
    fi
    # the symbol endpoint answers 404: pprof gives up on the profile, saving nothing
    same_as_pprof sym404 -top "$Q/sym404/debug/pprof/goroutine?debug=1"
    if [[ "$(tail -n 1 "$T/sym404/pv.err")" == "pview: http post $Q/sym404/debug/pprof/symbol: server response: 404 Not Found" &&
        ! -s "$T/sym404/pv.out" && ! -e "$T/sym404/pv.saved" ]]; then ok; else bad "sym404: not pprof's line, or output, or a saved file"; cat "$T/sym404/pv.err"; fi
    # it answers lines that are not symbols: the addresses stay unnamed
    same_as_pprof symjunk -top "$Q/symjunk/debug/pprof/goroutine?debug=1" && has symjunk "<unknown>"
    # it never answers: pprof waits for ever; pview gives up after -timeout + 5 s, as for a fetch
    t0=$(date +%s)
    PPROF_TMPDIR=$T/symhang.saved timeout 60 "$PVIEW" -top -timeout=1 "$Q/symhang/debug/pprof/goroutine?debug=1" > "$T/symhang.out" 2> "$T/symhang.err"
    rc=$?
    t1=$(date +%s)
    if [[ $rc -eq 1 && ! -s "$T/symhang.out" && ! -e "$T/symhang.saved" ]] && (( t1 - t0 >= 5 && t1 - t0 <= 15 )) &&
        [[ "$(tail -n 1 "$T/symhang.err")" == "pview: http post $Q/symhang/debug/pprof/symbol: Post \"$Q/symhang/debug/pprof/symbol\": timeout awaiting response headers (6s; see -timeout)" ]]; then ok; else
        bad "symhang: rc=$rc after $((t1 - t0)) s"
        cat "$T/symhang.err"
    fi
    # the live view symbolizes each refresh
    printf '<Refresh><Refresh><Dump>' > "$T/live.keys"
    PPROF_TMPDIR=$T/live.saved TERM=xterm LANG=C.UTF-8 timeout 60 "$PVIEW" -tui_size=100x40 -tui_keys="$T/live.keys" \
        -tui_dump="$T/live.dump" "$Q/debug/pprof/goroutine?debug=1" 2> "$T/live.err"
    if grep -q "fetch 2" "$T/live.dump" && grep -q "main.parked" "$T/live.dump" && ! grep -q "<unknown>" "$T/live.dump"; then ok; else
        bad "live: the refreshed profile is not symbolized"
        cat "$T/live.dump" "$T/live.err"
    fi
    # a busy server (the workload changes between fetches): pview's saved copy, symbolized,
    # reads as pview shows it
    start busy
    B=http://127.0.0.1:$PORT/debug/pprof
    sleep 1 # mutex and block events
    fetch busy-goroutine 1 pprof.goroutine. main.lockHog "$B/goroutine?debug=1"
    fetch busy-mutex 1 pprof.contentions.delay. main.lockHog "$B/mutex?debug=1"
    fetch busy-block 1 pprof.contentions.delay. main.blockHog "$B/block?debug=1"
    fetch busy-heap 1 pprof.alloc_objects.alloc_space.inuse_objects.inuse_space. main.keepAlloc "$B/heap?debug=1"
    ;;
gzip)
    # gzip bodies are inflated while they arrive (pv_gunzip): fed in pieces of any size, they
    # give what the loader gives for the same file, bytes or error line
    API=$4
    python3 - "$(dirname "$0")/../../testdata/parca/pkg/parca/testdata/alloc_objects.pb.gz" "$T" <<'PY'
import gzip, sys
raw = gzip.decompress(open(sys.argv[1], 'rb').read())
d, h = sys.argv[2], len(raw) // 2
full = gzip.compress(raw)
bad = bytearray(full)
bad[len(full) // 2] ^= 0x55
for name, data in [('whole', full), ('members', gzip.compress(raw[:h]) + gzip.compress(raw[h:])),
                   ('trailing', full + b'\x1fjunk'), ('truncated', full[:len(full) * 2 // 3]),
                   ('corrupt', bytes(bad)), ('header-only', full[:10])]:
    open('%s/%s.pb.gz' % (d, name), 'wb').write(data)
PY
    for f in whole members trailing truncated corrupt header-only; do
        "$API" gunzip "$T/$f.pb.gz" 100000000 > "$T/$f.pieces"
        if [[ $(wc -l < "$T/$f.pieces") -eq 6 && $(cut -d: -f2- "$T/$f.pieces" | sort -u | wc -l) -eq 1 ]]; then ok; else
            bad "$f: fed in pieces, it inflates otherwise than whole"
            cat "$T/$f.pieces"
        fi
    done
    # the 1-byte pieces of two members: the second one's magic split over two pieces
    if grep -qx "1: 313971 bytes, sum [0-9]*" "$T/members.pieces" &&
        [[ $(cut -d: -f2- "$T/members.pieces" | sort -u) == $(cut -d: -f2- "$T/whole.pieces" | sort -u) ]]; then ok; else
        bad "members: not the whole profile"
        cat "$T/members.pieces"
    fi
    "$API" gunzip "$T/whole.pb.gz" 1000 > "$T/cap.pieces"
    if [[ $(cut -d: -f2- "$T/cap.pieces" | sort -u) == " error: decompressed size exceeds the limit of 1000 bytes (a gzip bomb? see -max_decompressed)" ]]; then ok; else
        bad "cap: not refused"
        cat "$T/cap.pieces"
    fi
    # fetched: the same report or the same error line (naming the URL) as the file gives
    start a
    A=$PORT
    for c in whole members trailing truncated corrupt header-only whole:-max_decompressed=1000; do
        f=${c%%:*}
        flag=${c#"$f"}
        flag=${flag#:}
        U="http://127.0.0.1:$A/file?path=$T/$f.pb.gz"
        PPROF_TMPDIR=$T/$f.saved timeout 60 "$PVIEW" -top $flag "$U" > "$T/$f.url.out" 2> "$T/$f.url.err"
        rc1=$?
        timeout 60 "$PVIEW" -top $flag "$T/$f.pb.gz" > "$T/$f.file.out" 2> "$T/$f.file.err"
        rc2=$?
        want=$(tail -n 1 "$T/$f.file.err")
        want=${want/"$T/$f.pb.gz"/"$(sed -n 's/^Fetching profile over HTTP from //p' "$T/$f.url.err")"}
        if [[ $rc1 -eq $rc2 ]] && cmp -s "$T/$f.url.out" "$T/$f.file.out" &&
            { [[ $rc1 -eq 0 ]] || [[ "$(tail -n 1 "$T/$f.url.err")" == "$want" ]]; }; then ok; else
            bad "$c: fetched (rc=$rc1) differs from the file (rc=$rc2)"
            tail -n 2 "$T/$f.url.err" "$T/$f.file.err"
        fi
    done
    # decoded while it downloads (pv_stream): a whole gzipped profile takes the streamed path
    # and gives the model the body gives; a body that does not inflate gets no stream
    for c in whole:yes members:yes trailing:yes truncated:no corrupt:no; do
        f=${c%%:*}
        "$API" stream "http://127.0.0.1:$A/file?path=$T/$f.pb.gz" > "$T/$f.stream" 2>&1
        if [[ ${c#*:} == yes ]]; then want=$'stream: yes\nused: yes\nsame: yes'; else want=$'stream: no\nused: no'; fi
        if [[ $(head -n 2 "$T/$f.stream") == "$want" || $(cat "$T/$f.stream") == "$want" ]] &&
            { [[ ${c#*:} == yes ]] || tail -n 1 "$T/$f.stream" | grep -q '^error: \|^same: yes$'; }; then ok; else
            bad "$f: streamed fetch: $(tr '\n' ' ' < "$T/$f.stream")"
        fi
    done
    ;;
api)
    API=$4
    # which symbol endpoint a source asks, and how its answer reads: pview's against Go's
    "$SRV" -symbolz < "$(dirname "$0")/symbolz-url-cases.txt" > "$T/symbolz-url.go"
    "$API" symbolz-url < "$(dirname "$0")/symbolz-url-cases.txt" > "$T/symbolz-url.pview"
    if [[ -s "$T/symbolz-url.go" ]] && cmp -s "$T/symbolz-url.go" "$T/symbolz-url.pview"; then ok; else
        bad "symbolz-url: pview's symbol endpoints differ from Go's"
        diff -u "$T/symbolz-url.go" "$T/symbolz-url.pview"
    fi
    for f in symbolz-reply symbolz-reply-overflow; do
        "$SRV" -symparse "$(dirname "$0")/$f.txt" > "$T/$f.go"
        "$API" symbolz-parse "$(dirname "$0")/$f.txt" > "$T/$f.pview"
        if [[ -s "$T/$f.go" ]] && cmp -s "$T/$f.go" "$T/$f.pview"; then ok; else
            bad "$f: pview reads the symbol endpoint's answer otherwise than go tool pprof"
            diff -u "$T/$f.go" "$T/$f.pview"
        fi
    done
    # which sources are URLs, and which URL: pview's reading against Go's net/url
    "$SRV" -adjust < "$(dirname "$0")/adjust-cases.txt" > "$T/adjust.go"
    "$API" adjust < "$(dirname "$0")/adjust-cases.txt" > "$T/adjust.pview"
    if [[ -s "$T/adjust.go" ]] && cmp -s "$T/adjust.go" "$T/adjust.pview"; then ok; else
        bad "adjust: pview's URLs differ from Go's"
        diff -u "$T/adjust.go" "$T/adjust.pview"
    fi
    start a
    A=$PORT
    # the cancel flag stops a transfer that has no answer yet
    out=$(timeout 30 "$API" cancel "http://127.0.0.1:$A/hang" 300)
    if [[ "$out" == "error: canceled
stopped in time: yes" ]]; then ok; else bad "cancel: $out"; fi
    # the countdown of a 2-second CPU profile
    # (2, 1, 0; on a busy host a second can go by unseen, so: from 2, decreasing, to 0)
    out=$(timeout 30 "$API" countdown 2 "http://127.0.0.1:$A/debug/pprof/profile")
    if [[ "$out" == "countdown 2
countdown 1
countdown 0
error: (none)" || "$out" == "countdown 2
countdown 0
error: (none)" ]]; then ok; else bad "countdown: $out"; fi
    # fetched again and loaded from memory, as a refresh does
    out=$(timeout 30 "$API" twice "http://127.0.0.1:$A/debug/pprof/heap")
    if [[ "$out" == "fetch 1: 4 sample types, samples: yes
fetch 2: 4 sample types, samples: yes" ]]; then ok; else bad "twice: $out"; fi
    ;;
*)
    echo "unknown group $GROUP"
    exit 1
    ;;
esac
echo "$pass passed, $fail failed"
[[ $fail -eq 0 ]]

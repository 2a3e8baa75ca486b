#!/bin/bash
# Runs each libFuzzer harness for a bounded time and reports executions and findings.
#
#   fuzz/run.sh [--smoke] [HARNESS...]      (harnesses: load symbolize filter; default all)
#
# FUZZ_SECONDS  seconds per harness (default 60; --smoke: 10, for CI)
# FUZZ_OUT      build and work directory (default build-fuzz/ at the top of the repo)
# FUZZ_FORK     1 (default): go on after a finding (libFuzzer fork mode); 0: stop at the first
# Builds with fuzz/build.sh when a harness is missing or older than the sources. Seeds come from
# testdata/ (profiles, testdata/bad/, ELF fixtures); the corpus grows in FUZZ_OUT/corpus/NAME
# and is reused. A crash leaves FUZZ_OUT/artifacts/NAME-crash-* (and the like) and makes the
# script exit 1; reproduce with FUZZ_OUT/fuzz_NAME FILE.
set -u
SRC=$(cd "$(dirname "$0")/.." && pwd)
OUT=${FUZZ_OUT:-$SRC/build-fuzz}
SECS=${FUZZ_SECONDS:-60}
if [ "${1:-}" = --smoke ]; then
    SECS=${FUZZ_SECONDS:-10}
    shift
fi
harnesses=("$@")
[ ${#harnesses[@]} -gt 0 ] || harnesses=(load symbolize filter)
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)

newest=$(find "$SRC/profile" "$SRC/symbolize" "$SRC/fuzz" -name '*.[ch]' -newer "$OUT/fuzz_load" 2>/dev/null | head -n 1)
if [ ! -x "$OUT/fuzz_load" ] || [ ! -x "$OUT/fuzz_symbolize" ] || [ ! -x "$OUT/fuzz_filter" ] || [ -n "$newest" ]; then
    "$SRC/fuzz/build.sh" "$OUT" || exit 2
fi

# ---- seeds ----
seed_load() {
    local d=$1 f i=0
    # mode byte 0x00: the bytes as they are (gzip or raw); 0x01: the harness gzips them
    while IFS= read -r f; do
        i=$((i + 1))
        { printf '\000'; cat "$f"; } >"$d/file-$i"
        if [ "$(head -c 2 "$f" | od -An -tx1 | tr -d ' ')" = 1f8b ]; then
            { printf '\001'; gzip -dc "$f" 2>/dev/null; } >"$d/gunzipped-$i"
        fi
    done < <(find "$SRC/testdata" -type f ! -path '*/symbolize/*' ! -name 'LICENSE*' ! -name '*.md' \
        ! -name '*.py' ! -size +256k)
    for f in "$SRC"/tests/fetch/folded/*.folded; do # folded stacks (text)
        i=$((i + 1))
        { printf '\000'; cat "$f"; } >"$d/folded-$i"
    done
}
seed_symbolize() {
    local d=$1 f i=0
    while IFS= read -r f; do
        i=$((i + 1))
        cp "$f" "$d/elf-$i"
    done < <(find "$SRC/testdata/symbolize" -type f ! -size +64k -exec sh -c \
        'head -c 4 "$1" | grep -q ELF' _ {} \; -print)
}
seed_filter() {
    local d=$1
    printf 'main\n\n\n\n' >"$d/focus"
    printf '\njson|malloc\nMethod\n.\n' >"$d/ignore-hide-show"
    printf '\n\n\n\nkey=value\nregion=us-east\n' >"$d/tags"
    printf '\n\n\n\nbytes=1kb:4mb\n\nmain\nmalloc\nkey\nregion\n' >"$d/all"
    printf '\n\n\n\n-10us:\n:5\n\n\n\n\n\003' >"$d/ranges"
    printf '(*T)\\.Method\n^main\\.\n' >"$d/regex"
}

# FUZZ_FORK=1 (default): libFuzzer's fork mode, which goes on after a crash, a timeout or an
# out-of-memory and collects every artifact for the whole time; FUZZ_FORK=0 stops at the first.
forkopts=
[ "${FUZZ_FORK:-1}" = 1 ] && forkopts="-fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1"

status=0
summary=()
for h in "${harnesses[@]}"; do
    bin=$OUT/fuzz_$h
    [ -x "$bin" ] || { echo "no harness $h"; status=2; continue; }
    seeds=$OUT/seeds/$h corpus=$OUT/corpus/$h art=$OUT/artifacts
    rm -rf "$seeds"
    mkdir -p "$seeds" "$corpus" "$art"
    "seed_$h" "$seeds"
    maxlen=65536
    [ "$h" = filter ] && maxlen=512
    log=$OUT/$h.log
    before=$(ls "$art" | grep -c "^$h-" || true)
    echo "== fuzz_$h: $SECS s, $(ls "$seeds" | wc -l) seeds, corpus $(ls "$corpus" | wc -l)"
    ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} \
        UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1:suppressions=$SRC/fuzz/ubsan-known.supp} \
        "$bin" -max_total_time="$SECS" -timeout=10 -rss_limit_mb=2560 -max_len=$maxlen \
        $forkopts -print_final_stats=1 -artifact_prefix="$art/$h-" "$corpus" "$seeds" >"$log" 2>&1
    rc=$?
    if [ -n "$forkopts" ]; then
        # fork mode: the last status line "#N: cov: ... crash: ..." holds the total
        execs=$(grep -E '^#[0-9]+: ' "$log" | tail -n 1 | sed -E 's/^#([0-9]+):.*/\1/')
    else
        execs=$(grep -m1 'stat::number_of_executed_units' "$log" | awk '{print $2}')
    fi
    after=$(ls "$art" | grep -c "^$h-" || true)
    if [ $rc != 0 ] || [ "$after" != "$before" ]; then
        status=1
        echo "   FOUND: exit $rc; $(grep -m1 -E 'ERROR: |runtime error|deadly signal|ALARM|out-of-memory \(' "$log")"
        ls -t "$art" | grep "^$h-" | head -5 | sed "s|^|   artifact: $art/|"
        echo "   reproduce: UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1:suppressions=$SRC/fuzz/ubsan-known.supp $bin ARTIFACT"
    fi
    line="fuzz_$h: ${execs:-?} executions in $SECS s, corpus $(ls "$corpus" | wc -l), exit $rc"
    echo "   $line"
    summary+=("$line")
done
echo "---"
printf '%s\n' "${summary[@]}"
exit $status

#!/bin/bash
# A fuzzing campaign: runs each libFuzzer harness for a given time (or number of executions),
# several at once, starting from the kept corpus (fuzz/corpus/NAME) and the regression inputs
# (fuzz/regress/), then merges what was found into fuzz/corpus/NAME and prints, per harness,
# executions, exec/s, coverage (cov/ft) at start and end and the findings.
#
#   fuzz/campaign.sh [--minimize] [HARNESS...]     (harnesses: fuzz/harnesses; default all)
#
# FUZZ_SECONDS  time per harness (default 600)
# FUZZ_RUNS     executions per harness; stops at whichever limit comes first (default none)
# FUZZ_JOBS     harnesses fuzzed at once, one process each (default: the number of cores)
# FUZZ_OUT      build and work directory (default build-fuzz/ at the top of the repo)
# FUZZ_MERGE    1 (default): add new corpus entries to fuzz/corpus/NAME; 0: leave it as is
# --minimize    rebuild fuzz/corpus/NAME from scratch (libFuzzer -merge=1 of the old corpus and
#               the new finds into an empty directory): the smallest set with the same coverage
# After a finding the harness is restarted (up to 5 times) until its time or runs are used up.
# Findings are left in FUZZ_OUT/artifacts/NAME-*; the script then exits 1. Reproduce with
# FUZZ_OUT/fuzz_NAME FILE; add the file to fuzz/regress/ with the fix.
set -u
SRC=$(cd "$(dirname "$0")/.." && pwd)
OUT=${FUZZ_OUT:-$SRC/build-fuzz}
SECS=${FUZZ_SECONDS:-600}
RUNS=${FUZZ_RUNS:-0}
JOBS=${FUZZ_JOBS:-$(nproc)}
MERGE=${FUZZ_MERGE:-1}
minimize=0
if [ "${1:-}" = --minimize ]; then
    minimize=1
    shift
fi
harnesses=("$@")
[ ${#harnesses[@]} -gt 0 ] || read -r -a harnesses <"$SRC/fuzz/harnesses"
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)

# build when a harness is missing or older than the sources
stale=0
for h in "${harnesses[@]}"; do
    [ -x "$OUT/fuzz_$h" ] || stale=1
done
[ $stale = 1 ] || [ -z "$(find "$SRC/profile" "$SRC/symbolize" "$SRC/tui" "$SRC/fetch" "$SRC/fuzz" -name '*.[ch]' \
    -newer "$OUT/fuzz_${harnesses[0]}" 2>/dev/null | head -n 1)" ] || stale=1
if [ $stale = 1 ]; then
    "$SRC/fuzz/build.sh" "$OUT" >/dev/null || exit 2
fi

conf() { awk -v h="$1" -v c="$2" '$1 == h {print $c}' "$SRC/fuzz/maxlen"; }
# a short malloc stack and a small quarantine: the harnesses allocate a lot, and ASan's
# bookkeeping was a third of the time (replay a finding with the defaults for full stacks)
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:malloc_context_size=5:quarantine_size_mb=64}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1:suppressions=$SRC/fuzz/ubsan-known.supp}

# One harness: runs, restarts after findings, merges; writes its summary to WORK/summary.
campaign() {
    local h=$1 bin=$OUT/fuzz_$h work=$OUT/campaign/$h art=$OUT/artifacts
    local kept=$SRC/fuzz/corpus/$h maxlen dict start end left runs_left execs=0 n=0 log
    rm -rf "$work"
    mkdir -p "$work/new" "$art" "$kept"
    maxlen=$(conf "$h" 2)
    dict=$SRC/fuzz/dict/$(conf "$h" 3)
    local before
    before=$(ls "$art" | grep -c "^$h-" || true)
    start=$(date +%s)
    left=$SECS
    runs_left=$RUNS
    while [ "$left" -gt 0 ] && [ $n -lt 6 ]; do
        n=$((n + 1))
        log=$work/run-$n.log
        local runopt=
        [ "$RUNS" -gt 0 ] && runopt=-runs=$runs_left
        "$bin" -max_total_time="$left" $runopt -max_len="$maxlen" -dict="$dict" -timeout=10 -rss_limit_mb=2560 \
            -print_final_stats=1 -artifact_prefix="$art/$h-" "$work/new" "$kept" "$SRC/fuzz/regress" >"$log" 2>&1
        local rc=$? e
        e=$(grep -m1 'stat::number_of_executed_units' "$log" | awk '{print $2}')
        [ -n "$e" ] || e=$(grep -E '^#[0-9]+' "$log" | tail -n 1 | sed -E 's/^#([0-9]+).*/\1/')
        execs=$((execs + ${e:-0}))
        left=$((SECS - ($(date +%s) - start)))
        if [ "$RUNS" -gt 0 ]; then
            runs_left=$((RUNS - execs))
            [ $runs_left -gt 0 ] || break
        fi
        [ $rc = 0 ] && break
    done
    end=$(date +%s)
    local first=$work/run-1.log last=$log
    local cov0 ft0 cov1 ft1
    cov0=$(grep -m1 'INITED' "$first" | sed -nE 's/.* cov: ([0-9]+).*/\1/p')
    ft0=$(grep -m1 'INITED' "$first" | sed -nE 's/.* ft: ([0-9]+).*/\1/p')
    cov1=$(grep -E '^#[0-9]+' "$last" | grep ' cov: ' | tail -n 1 | sed -nE 's/.* cov: ([0-9]+).*/\1/p')
    ft1=$(grep -E '^#[0-9]+' "$last" | grep ' ft: ' | tail -n 1 | sed -nE 's/.* ft: ([0-9]+).*/\1/p')
    local added=0
    if [ "$minimize" = 1 ]; then
        rm -rf "$work/min"
        mkdir -p "$work/min"
        "$bin" -merge=1 -max_len="$maxlen" -timeout=10 -rss_limit_mb=2560 "$work/min" "$kept" "$work/new" \
            "$SRC/fuzz/regress" >"$work/merge.log" 2>&1 &&
            rm -f "$kept"/* && cp "$work/min"/* "$kept"/
        added="minimized to $(ls "$kept" | wc -l)"
    elif [ "$MERGE" = 1 ]; then
        local k0
        k0=$(ls "$kept" | wc -l)
        "$bin" -merge=1 -max_len="$maxlen" -timeout=10 -rss_limit_mb=2560 "$kept" "$work/new" >"$work/merge.log" 2>&1
        added="+$(($(ls "$kept" | wc -l) - k0)) merged"
    else
        added="not merged"
    fi
    local after found=
    after=$(ls "$art" | grep -c "^$h-" || true)
    if [ "$after" != "$before" ]; then
        found="FINDINGS: $((after - before)): $(cat "$work"/run-*.log | grep -m1 -E 'ERROR: |runtime error|fuzz check failed|deadly signal|ALARM|out-of-memory \(' | cut -c1-160)"
    fi
    local secs=$((end - start))
    [ $secs -gt 0 ] || secs=1
    {
        printf 'fuzz_%s: %d executions in %d s (%d exec/s), cov %s -> %s, ft %s -> %s, corpus %d (%s), %s\n' \
            "$h" "$execs" "$secs" $((execs / secs)) "${cov0:-?}" "${cov1:-?}" "${ft0:-?}" "${ft1:-?}" \
            "$(ls "$kept" | wc -l)" "$added" "${found:-no findings}"
        if [ -n "$found" ]; then
            ls -t "$art" | grep "^$h-" | head -n $((after - before)) | sed "s|^|    artifact: $art/|"
        fi
    } >"$work/summary"
    cat "$work/summary"
}

echo "campaign: ${harnesses[*]}; ${SECS} s${RUNS:+ / $RUNS runs} per harness, $JOBS at once; logs in $OUT/campaign/"
for h in "${harnesses[@]}"; do
    [ -x "$OUT/fuzz_$h" ] || { echo "no harness $h"; exit 2; }
    while [ "$(jobs -rp | wc -l)" -ge "$JOBS" ]; do
        wait -n
    done
    campaign "$h" &
done
wait
echo "---"
status=0
for h in "${harnesses[@]}"; do
    cat "$OUT/campaign/$h/summary"
    grep -q FINDINGS "$OUT/campaign/$h/summary" && status=1
done
exit $status

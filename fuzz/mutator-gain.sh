#!/bin/bash
# Measures what the structure-aware mutator (fuzz/protomut.h) adds over libFuzzer's byte
# mutations: runs one harness twice at once for the same time from copies of the same seed
# corpus, once as built and once with PVIEW_FUZZ_MUTATOR=plain, and prints both runs'
# executions and coverage (cov: edges, ft: features) at start and end.
#
#   fuzz/mutator-gain.sh [HARNESS [SECONDS [SEED_DIR]]]   (default: report 300 fuzz/corpus/report)
#
# FUZZ_OUT as for campaign.sh (the harness must be built there: fuzz/build.sh FUZZ_OUT).
set -u
SRC=$(cd "$(dirname "$0")/.." && pwd)
OUT=${FUZZ_OUT:-$SRC/build-fuzz}
h=${1:-report} secs=${2:-300} seeds=${3:-$SRC/fuzz/corpus/${1:-report}}
bin=$OUT/fuzz_$h
[ -x "$bin" ] || { echo "mutator-gain.sh: no $bin (run fuzz/build.sh $OUT)" >&2; exit 2; }
conf() { awk -v h="$h" -v c="$1" '$1 == h {print $c}' "$SRC/fuzz/maxlen"; }
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
for mode in structured plain; do
    w=$OUT/mutator-gain/$h-$mode
    rm -rf "$w"
    mkdir -p "$w/corpus"
    cp "$seeds"/* "$w/corpus/"
    m=
    [ $mode = plain ] && m=plain
    PVIEW_FUZZ_MUTATOR=$m "$bin" -max_total_time="$secs" -max_len="$(conf 2)" -dict="$SRC/fuzz/dict/$(conf 3)" \
        -timeout=10 -rss_limit_mb=2560 -print_final_stats=1 -artifact_prefix="$w/" "$w/corpus" >"$w/log" 2>&1 &
done
wait
for mode in structured plain; do
    log=$OUT/mutator-gain/$h-$mode/log
    i=$(grep -m1 INITED "$log")
    e=$(grep -E '^#[0-9]+' "$log" | grep ' cov: ' | tail -n 1)
    printf '%-10s %s: %s executions; cov %s -> %s, ft %s -> %s\n' "$mode" "$h" \
        "$(grep -m1 number_of_executed_units "$log" | awk '{print $2}')" \
        "$(sed -nE 's/.* cov: ([0-9]+).*/\1/p' <<<"$i")" "$(sed -nE 's/.* cov: ([0-9]+).*/\1/p' <<<"$e")" \
        "$(sed -nE 's/.* ft: ([0-9]+).*/\1/p' <<<"$i")" "$(sed -nE 's/.* ft: ([0-9]+).*/\1/p' <<<"$e")"
done

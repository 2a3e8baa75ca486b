#!/bin/bash
# Runs each libFuzzer harness for a short time from the kept corpus, without changing it:
# CI's smoke test. Every harness also runs the regression inputs (fuzz/regress/) at start.
#
#   fuzz/run.sh [--smoke] [HARNESS...]     (harnesses: fuzz/harnesses; default all)
#
# FUZZ_SECONDS  seconds per harness (default 60; --smoke: 10)
# FUZZ_OUT      build and work directory (default build-fuzz/ at the top of the repo)
# Exits 1 on a finding (artifacts in FUZZ_OUT/artifacts/). Longer runs that grow the kept
# corpus: fuzz/campaign.sh.
SRC=$(cd "$(dirname "$0")/.." && pwd)
secs=${FUZZ_SECONDS:-60}
if [ "${1:-}" = --smoke ]; then
    secs=${FUZZ_SECONDS:-10}
    shift
fi
FUZZ_SECONDS=$secs FUZZ_RUNS=0 FUZZ_MERGE=0 exec bash "$SRC/fuzz/campaign.sh" "$@"

#!/bin/bash
# tests/peer-suite/run.sh PVIEW RESULTS_DIR
# Runs ../shared/peer-suite/run.sh (upstream pprof's TestParse cases, see its README)
# against PVIEW with its results in RESULTS_DIR, and fails unless every case that go1.19
# reproduces (all but disasm and weblist: 46) is identical to upstream's golden file in
# the strict pass. Exit 77 (skipped) when ../shared/peer-suite is absent.
set -u
PVIEW=${1:?usage: run.sh PVIEW RESULTS_DIR}
RES=${2:?usage: run.sh PVIEW RESULTS_DIR}
HERE=$(cd "$(dirname "$0")" && pwd)
SUITE=$(cd "$HERE/../../.." && pwd)/shared/peer-suite
if [ ! -x "$SUITE/run.sh" ]; then
    echo "peer-suite: $SUITE absent, skipped"
    exit 77
fi
rm -rf "$RES" && mkdir -p "$RES" || exit 1
RES="$RES" "$SUITE/run.sh" "$PVIEW" > "$RES/summary.txt" 2>&1
cat "$RES/summary.txt"
TSV="$RES/results.tsv"
[ -f "$TSV" ] || { echo "peer-suite: no $TSV"; exit 1; }
# columns: name kind go119_rc go119_vs_upstream upstreamcli_vs_upstream pview_rc
#          pview_vs_go119 pview_vs_upstream pview_full_rc pview_vs_go119_full
awk -F'\t' '
    NR == 1 { next }
    $2 == "disasm" || $2 == "weblist" { next }
    { n++; if ($8 == "identical") pass++; else { fail++; print "FAIL " $1 " (pview vs upstream: " $8 ", vs go1.19: " $7 ")" } }
    END {
        printf "peer-suite: %d of %d cases identical to upstream (strict)\n", pass, n
        if (n != 46) { print "peer-suite: expected 46 cases besides disasm and weblist, found " n; exit 1 }
        exit fail > 0
    }' "$TSV"

#!/bin/bash
# Run every golden case against pview.
#   tests/golden/run-all.sh [-v] PVIEW
# Prints one line per failing case (with -v: the full diff), skips extended
# cases when ../shared/testdata is absent, and ends with
# "N passed, N failed" (a "N skipped" line comes before it when any were).
# Exit 0 if nothing failed.
set -u
verbose=0
if [ "${1:-}" = -v ]; then verbose=1; shift; fi
if [ $# -ne 1 ]; then echo "usage: $0 [-v] PVIEW" >&2; exit 2; fi
here=$(dirname "$0")
. "$here/lib.sh"
pview=$1
case "$pview" in
    /*) ;;
    */*) pview=$(cd "$(dirname "$pview")" && pwd)/$(basename "$pview") ;;
esac
pass=0 fail=0 skip=0
for set in "${CASE_SETS[@]}"; do
    read -r file out <<<"$set"
    while IFS=$'\t' read -r name args; do
        log=$(bash "$GOLDEN_DIR/run.sh" "$pview" "$name" 2>&1)
        case $? in
            0) pass=$((pass + 1)) ;;
            77) skip=$((skip + 1)) ;;
            *) fail=$((fail + 1))
               if [ $verbose -eq 1 ]; then printf '%s\n' "$log"; else echo "FAIL $name"; fi ;;
        esac
    done < <(list_cases "$file")
done
[ $skip -gt 0 ] && echo "$skip skipped (extended cases: $EXT_DATA_DIR is absent)"
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]

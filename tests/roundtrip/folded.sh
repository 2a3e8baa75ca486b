#!/bin/bash
# Folded stacks round trip: pview -folded of a profile, read back by pview (folded input),
# gives the same folded stacks, and its -top rows equal the original's (names and values;
# the "(inline)" marks of the original are not in folded text).
#   usage: folded.sh PVIEW
set -u
pview=$1
cd "$(dirname "$0")/../.." || exit 1
tmp=$(mktemp -d) && trap 'rm -rf "$tmp"' EXIT
status=0
check() { # PROFILE UNIT [FLAGS...]
    local p=$1 unit=$2
    shift 2
    "$pview" -folded -symbolize=none "$@" "$p" > "$tmp/a" || { echo "FAIL $p: -folded"; status=1; return; }
    "$pview" -folded "$tmp/a" > "$tmp/b" || { echo "FAIL $p: folded input"; status=1; return; }
    if ! cmp -s <(LC_ALL=C sort "$tmp/a") <(LC_ALL=C sort "$tmp/b"); then
        echo "FAIL $p: folded -> folded changed"; status=1
    fi
    rows() { sed -n '/^      flat  flat%/,$p' | sed 's/ (inline)$//; s/ (partial-inline)$//'; }
    "$pview" -top -nodefraction=0 -symbolize=none "$@" "$p" | rows > "$tmp/top-a"
    "$pview" -top -nodefraction=0 -folded_unit="$unit" "$tmp/a" | rows > "$tmp/top-b"
    if ! cmp -s "$tmp/top-a" "$tmp/top-b"; then
        echo "FAIL $p: -top of the round trip differs"; diff "$tmp/top-a" "$tmp/top-b" | head; status=1
    else
        echo "ok $p $*"
    fi
}
check testdata/pprof/internal/report/testdata/sample.cpu nanoseconds
check testdata/parca/pkg/query/testdata/fib.pb.gz nanoseconds
check testdata/parca/pkg/parca/testdata/alloc_objects.pb.gz bytes -sample_index=alloc_space
check testdata/pprof/profile/testdata/cppbench.cpu nanoseconds
[ $status -eq 0 ] && echo "PASS folded round trip"
exit $status

#!/bin/bash
# Folded stacks and stdin: pview reads folded files (cases.txt, goldens from go tool pprof on
# the profile.proto equivalents), from stdin too (raw and gzipped), stdin for protobuf and
# legacy profiles (goldens of tests/golden), and bad folded input gets one line and exit 1.
#   folded.sh PVIEW WORKDIR
set -u
PVIEW=$1
WORK=$2
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
F=$HERE/folded
rm -rf "$WORK"
mkdir -p "$WORK"
export TZ=UTC
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

# same_as GOLDEN NAME CMD...: stdout of CMD must equal GOLDEN byte for byte, exit 0
same_as() {
    local golden=$1 name=$2
    shift 2
    if timeout 30 "$@" > "$WORK/$name.out" 2> "$WORK/$name.err" && cmp -s "$golden" "$WORK/$name.out"; then
        ok
    else
        bad "$name: output differs from $golden"
        diff -u "$golden" "$WORK/$name.out" | head -20
        cat "$WORK/$name.err"
    fi
}

while IFS=$'\t' read -r name folded pb flags; do
    [[ -z "$name" || "$name" == \#* ]] && continue
    # shellcheck disable=SC2086
    files=()
    IFS=, read -ra parts <<< "$folded"
    for p in "${parts[@]}"; do files+=("$F/$p"); done
    same_as "$F/out/$name.txt" "$name" "$PVIEW" $flags "${files[@]}"
done < "$F/cases.txt"

# stdin: folded, raw and gzipped
same_as "$F/out/simple-top.txt" stdin-folded sh -c '"$0" -top -symbolize=none - < "$1"' "$PVIEW" "$F/simple.folded"
gzip -c "$F/perf.folded" > "$WORK/perf.folded.gz"
same_as "$F/out/perf-top.txt" stdin-folded-gz sh -c '"$0" -top -symbolize=none - < "$1"' "$PVIEW" "$WORK/perf.folded.gz"
# stdin through a pipe (not a regular file), with a unit
same_as "$F/out/simple-ns.txt" stdin-pipe sh -c 'cat "$1" | "$0" -top -symbolize=none -folded_unit=nanoseconds -' "$PVIEW" "$F/simple.folded"
# stdin: profile.proto (gzipped) and a legacy gperftools profile, goldens of tests/golden
G=$ROOT/tests/golden/out
same_as "$G/fib.txt" stdin-proto sh -c 'cat "$1" | "$0" -top -symbolize=none -' "$PVIEW" "$ROOT/testdata/parca/pkg/query/testdata/fib.pb.gz"
same_as "$G/legacy-cppbench-cpu.txt" stdin-legacy sh -c '"$0" -top -symbolize=none - < "$1"' "$PVIEW" "$ROOT/testdata/pprof/profile/testdata/cppbench.cpu"
# stdin merged with a file (the same profile twice: every value doubles)
same_as "$F/out/stdin-merge.txt" stdin-merge sh -c '"$0" -top -symbolize=none - "$1" < "$1"' "$PVIEW" "$ROOT/testdata/parca/pkg/query/testdata/fib.pb.gz"

# bad input: one line naming the source and the problem, exit 1, nothing on stdout
# expect_error NAME EXPECTED_LINE CMD...
expect_error() {
    local name=$1 want=$2
    shift 2
    timeout 30 "$@" > "$WORK/$name.out" 2> "$WORK/$name.err"
    local rc=$?
    if [[ $rc -eq 1 && ! -s "$WORK/$name.out" && "$(cat "$WORK/$name.err")" == "$want" ]]; then
        ok
    else
        bad "$name: rc=$rc, stderr:"
        cat "$WORK/$name.err"
        echo "wanted: $want"
    fi
}
printf 'a;b 1\nfoo\n' > "$WORK/noc.folded"
expect_error bad-nocount "pview: $WORK/noc.folded: folded stacks, line 2: no count after the stack (want \"frame;frame;... count\")" "$PVIEW" -top "$WORK/noc.folded"
printf 'a;b 1\n\na;c 2x\n' > "$WORK/badcount.folded"
expect_error bad-count "pview: stdin: folded stacks, line 3: the last field is not a count (a non-negative integer) (want \"frame;frame;... count\")" sh -c '"$0" -top - < "$1"' "$PVIEW" "$WORK/badcount.folded"
printf 'a;b 9223372036854775807\na;b 1\n' > "$WORK/overflow.folded"
expect_error bad-overflow "pview: $WORK/overflow.folded: folded stacks, line 2: the counts of one stack overflow 64 bits" "$PVIEW" -top "$WORK/overflow.folded"
printf 'a;b 99999999999999999999\n' > "$WORK/huge.folded"
expect_error bad-huge "pview: $WORK/huge.folded: folded stacks, line 1: count too large (over 2^63-1) (want \"frame;frame;... count\")" "$PVIEW" -top "$WORK/huge.folded"
printf 'a;b 1\nx\001y 2\n' > "$WORK/ctl.folded"
expect_error bad-control "pview: $WORK/ctl.folded: folded stacks, line 2: control byte in a line (want \"frame;frame;... count\")" "$PVIEW" -top "$WORK/ctl.folded"
# folded stacks merge with folded stacks only
FIB=$ROOT/testdata/parca/pkg/query/testdata/fib.pb.gz
expect_error merge-after-proto "pview: stdin: folded stacks can be merged with folded stacks only" \
    sh -c '"$0" -top "$2" - < "$1"' "$PVIEW" "$F/simple.folded" "$FIB"
expect_error merge-proto-after "pview: $FIB: cannot merge: sample types [samples/count cpu/nanoseconds] differ from [samples/count] in $F/simple.folded" \
    "$PVIEW" -top "$F/simple.folded" "$FIB"
printf 'a;b 10 20\n' > "$WORK/diff.folded"
expect_error differential "pview: $WORK/diff.folded: folded stacks, line 1: two counts (differential folded stacks are not read) (want \"frame;frame;... count\")" "$PVIEW" -top "$WORK/diff.folded"
# a UTF-8 byte order mark is not part of the first frame
printf '\357\273\277' | cat - "$F/simple.folded" > "$WORK/bom.folded"
same_as "$F/out/simple-top.txt" bom "$PVIEW" -top -symbolize=none "$WORK/bom.folded"
: > "$WORK/empty"
expect_error empty-stdin "pview: stdin: empty input file" sh -c '"$0" -top - < "$1"' "$PVIEW" "$WORK/empty"

echo "$pass passed, $fail failed"
[[ $fail -eq 0 ]]

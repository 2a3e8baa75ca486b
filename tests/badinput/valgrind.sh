#!/bin/bash
# Loads every profile of testdata/ with `pview -top` under valgrind (memcheck, full leak check),
# plus the small bad inputs of testdata/bad/ (error paths). A memory error (invalid read or
# write, use of uninitialised memory, bad free), a crash or a hang is a failure; so is a leak
# when pview succeeded. pview's own exit status 0 or 1 is accepted (some inputs are refused);
# a leak on the way out of a refused input is printed as LEAK but fails only with
# VALGRIND_STRICT=1.
#
#   valgrind.sh PVIEW [FILE...]      (default: all profiles under testdata/ and testdata/bad/)
#
# Exit 77 (skip) when valgrind is not installed.
set -u
PVIEW=${1:?usage: valgrind.sh PVIEW [FILE...]}
shift
SRC=$(cd "$(dirname "$0")/../.." && pwd)
command -v valgrind >/dev/null || { echo "SKIP: valgrind not installed"; exit 77; }
export PPROF_BINARY_PATH= PVIEW_BINARY_PATH= LC_ALL=C

if [ $# -eq 0 ]; then
    # profiles: every file of testdata/ but licences, notes, ELF fixtures and scripts
    mapfile -t files < <(cd "$SRC" && find testdata -type f \
        ! -path 'testdata/symbolize/*' ! -name 'LICENSE*' ! -name '*.md' ! -name '*.py' ! -name '*.sh' \
        ! -name '*.txt' | sort)
else
    files=("$@")
fi
cd "$SRC" || exit 2
log=$(mktemp /tmp/pview-valgrind.XXXXXX)
trap 'rm -f "$log"' EXIT

pass=0 fail=0
run() {
    local name=$1
    shift
    timeout 600 valgrind -q --error-exitcode=9 --leak-check=full --show-leak-kinds=definite,indirect,possible \
        --errors-for-leak-kinds=none --track-origins=yes \
        "$PVIEW" "$@" >/dev/null 2>"$log" </dev/null
    local rc=$?
    local leak=
    grep -q -E '(definitely|indirectly|possibly) lost in' "$log" && leak=1
    if [ $rc = 1 ] && [ -n "$leak" ] && [ "${VALGRIND_STRICT:-0}" != 1 ]; then
        pass=$((pass + 1))
        printf 'LEAK %s (exit 1: leak on the error path, %s)\n' "$name" \
            "$(grep -m1 -E 'lost in' "$log" | sed 's/^==[0-9]*== *//')"
        grep -m1 -E '^==[0-9]+== +by 0x[0-9A-F]+: main ' "$log" | sed 's/^==[0-9]*== */     /'
    elif { [ $rc = 0 ] || [ $rc = 1 ]; } && [ -z "$leak" ]; then
        pass=$((pass + 1))
        printf 'ok   %s (exit %d)\n' "$name" $rc
    else
        fail=$((fail + 1))
        echo "FAIL $name: exit $rc"
        grep -E '==[0-9]+==' "$log" | head -30 | sed 's/^/     /'
    fi
}
for f in "${files[@]}"; do
    run "$f" -top "$f"
done
# a binary to symbolize with, and a merge of two profiles
if [ $# -eq 0 ]; then
    run "symbolize inl-exec" -top testdata/symbolize/inl-exec testdata/bad/addr-inl-exec.pb
    run "merge" -top testdata/bad/valid.pb.gz testdata/bad/valid.pb.gz
    run "filters" -top -focus=main -ignore=leaf -hide=xyz -show=. -tagfocus=key=value testdata/bad/valid.pb.gz
fi
echo "$pass passed, $fail failed"
[ $fail = 0 ]

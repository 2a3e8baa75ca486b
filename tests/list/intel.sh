#!/bin/bash
# -intel_syntax: the same rows (flat, cum, address) as go tool pprof -disasm (AT&T by default;
# go1.19's own disassembler has no Intel syntax), with capstone's Intel text.
set -u
. "$(dirname "$0")/lib.sh"
PVIEW=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
cd "$REPO_ROOT" || exit 1
fail=0
for c in dis-go-work dis-matrix; do
    case_line $c
    # shellcheck disable=SC2086
    att=$(TZ=UTC "$PVIEW" $PVIEW_ARGS 2>/dev/null)
    # shellcheck disable=SC2086
    intel=$(TZ=UTC "$PVIEW" -intel_syntax $PVIEW_ARGS 2>/dev/null)
    want=$(numbers nums < "$LIST_DIR/expected/$c.txt")
    if [ "$want" != "$(numbers nums <<<"$intel")" ]; then
        echo "FAIL: $c: rows differ from pprof's with -intel_syntax"; fail=1
    elif ! grep -q 'qword ptr' <<<"$intel" || grep -q '%r[a-z0-9]*' <<<"$intel"; then
        echo "FAIL: $c: not Intel syntax"; fail=1
    elif ! grep -q '%rsp\|%rbp' <<<"$att" || grep -q 'qword ptr' <<<"$att"; then
        echo "FAIL: $c: default is not AT&T"; fail=1
    else
        echo "ok: $c"
    fi
done
exit $fail

#!/bin/sh
# Runs one TUI screen test: drives pview's test mode with a script of keys and compares the
# text dump of the screen with the committed expected screen.
#
# usage: run.sh PVIEW CASE [update]
#   CASE is tests/tui/cases/NAME.t; the expected screen is tests/tui/expected/NAME.screen.
#   With "update" the expected screen is rewritten (only if the case's checks pass).
#
# A case file has header lines, then "keys:" and the key script (see tui/script.h):
#   # comment: what the test claims
#   profile: cpu | heap | names | PATH   (default cpu; PATH relative to the source tree)
#   args: more pview flags               (default -tui_size=80x24)
#   env: NAME=VALUE                      (added to the fixed environment)
#   expect: TEXT                         (must appear in the screen dump; fixed string)
#   reject: TEXT                         (must not appear)
#   status: N                            (exit status, default 0)
#   stderr: TEXT                         (stderr must hold TEXT; without it stderr must be
#                                         empty: under a real terminal it would be drawn over
#                                         the screen)
# The expect and reject lines make each test say what it checks, so that a regenerated
# expected screen that lost the point of the test fails.
set -u
pview=$1
case_file=$2
mode=${3:-check}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
name=$(basename "$case_file" .t)
expected=$here/expected/$name.screen

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/home"

profile=cpu
args=-tui_size=80x24
want_status=0
: > "$tmp/env"
: > "$tmp/expect"
: > "$tmp/reject"
: > "$tmp/want_err"
in_keys=0
while IFS= read -r line || [ -n "$line" ]; do
    if [ $in_keys = 1 ]; then
        printf '%s\n' "$line" >> "$tmp/keys"
        continue
    fi
    case $line in
    keys:*) in_keys=1; : > "$tmp/keys" ;;
    profile:*) profile=$(printf '%s' "${line#profile:}" | sed 's/^ *//') ;;
    args:*) args=$(printf '%s' "${line#args:}" | sed 's/^ *//') ;;
    env:*) printf '%s\n' "${line#env:}" | sed 's/^ *//' >> "$tmp/env" ;;
    expect:*) printf '%s\n' "${line#expect:}" | sed 's/^ //' >> "$tmp/expect" ;;
    reject:*) printf '%s\n' "${line#reject:}" | sed 's/^ //' >> "$tmp/reject" ;;
    stderr:*) printf '%s\n' "${line#stderr:}" | sed 's/^ //' >> "$tmp/want_err" ;;
    status:*) want_status=$(printf '%s' "${line#status:}" | tr -d ' ') ;;
    '#'*|'') ;;
    *) echo "$case_file: bad header line: $line" >&2; exit 2 ;;
    esac
done < "$case_file"
[ $in_keys = 1 ] || { echo "$case_file: no keys: section" >&2; exit 2; }

case $profile in
cpu) profile=$root/testdata/pprof/internal/report/testdata/sample.cpu ;;
heap) profile=$root/testdata/parca/pkg/parca/testdata/alloc_objects.pb.gz ;;
names) profile=$root/tests/tui/names.pb ;;
/*) ;;
*) profile=$root/$profile ;;
esac
if [ ! -f "$profile" ]; then
    echo "$name: missing test profile $profile" >&2
    exit 2
fi

# The fixed environment: nothing from the caller's terminal or home leaks in.
set -- env -i PATH=/usr/bin:/bin TERM=xterm-256color LINES=24 COLUMNS=80 LANG=C.UTF-8 TZ=UTC \
    HOME="$tmp/home" PVIEW_SOURCE_DIR="$root"
while IFS= read -r kv; do
    kv=$(printf '%s' "$kv" | sed "s|@ROOT@|$root|g")
    set -- "$@" "$kv"
done < "$tmp/env"
# shellcheck disable=SC2086
(cd "$root" && "$@" "$pview" -symbolize=none $args -tui_keys="$tmp/keys" -tui_dump="$tmp/out" "$profile") \
    > "$tmp/stdout" 2> "$tmp/stderr"
status=$?
fail=0
if [ "$status" != "$want_status" ]; then
    echo "$name: exit status $status, want $want_status" >&2
    cat "$tmp/stderr" >&2
    fail=1
fi
[ -f "$tmp/out" ] || { echo "$name: no screen dump" >&2; cat "$tmp/stderr" >&2; exit 1; }
if [ ! -s "$tmp/want_err" ] && [ -s "$tmp/stderr" ]; then
    echo "$name: pview wrote to stderr (drawn over the screen on a terminal):" >&2
    cat "$tmp/stderr" >&2
    fail=1
fi
while IFS= read -r pat; do
    if ! grep -qF -- "$pat" "$tmp/stderr"; then
        echo "$name: stderr lacks: $pat" >&2
        fail=1
    fi
done < "$tmp/want_err"
while IFS= read -r pat; do
    if ! grep -qF -- "$pat" "$tmp/out"; then
        echo "$name: screen lacks: $pat" >&2
        fail=1
    fi
done < "$tmp/expect"
while IFS= read -r pat; do
    if grep -qF -- "$pat" "$tmp/out"; then
        echo "$name: screen shows what it must not: $pat" >&2
        fail=1
    fi
done < "$tmp/reject"
if [ "$mode" = update ]; then
    if [ $fail = 0 ]; then
        mkdir -p "$here/expected"
        cp "$tmp/out" "$expected"
        echo "updated $expected"
    else
        cat "$tmp/out" >&2
    fi
    exit $fail
fi
if [ ! -f "$expected" ]; then
    echo "$name: no expected screen $expected (run tests/tui/update.sh)" >&2
    exit 1
fi
if ! diff -u "$expected" "$tmp/out" >&2; then
    echo "$name: screen differs from $expected" >&2
    fail=1
fi
exit $fail

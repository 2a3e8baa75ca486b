#!/bin/sh
# Checks `pview --version` (see tests/version.cmake).
# usage: check.sh PVIEW SOURCE_DIR VERSION NCURSES ZLIB PROTOBUF_C ELFUTILS
# The library versions are what pkg-config reported when the build was configured.
set -u
pview=$1 src=$2 version=$3
out=$("$pview" --version) || { echo "pview --version failed" >&2; exit 1; }
status=$("$pview" --version >/dev/null 2>&1; echo $?)
fail=0
first=$(printf '%s\n' "$out" | sed -n 1p)
if git -C "$src" rev-parse --show-toplevel >/dev/null 2>&1 &&
   [ "$(cd "$(git -C "$src" rev-parse --show-toplevel)" && pwd -P)" = "$(cd "$src" && pwd -P)" ]; then
    # built from a checkout: "pview VERSION (git DESCRIBE)", DESCRIBE naming HEAD
    describe=$(printf '%s\n' "$first" | sed -n "s/^pview $version (git \(.*\))\$/\1/p")
    if [ -z "$describe" ]; then
        echo "first line is '$first', want 'pview $version (git ...)'" >&2
        fail=1
    else
        head=$(git -C "$src" rev-parse HEAD)
        named=$(git -C "$src" rev-parse --verify -q "${describe%-dirty}^{commit}")
        if [ "$named" != "$head" ]; then
            echo "git describe '$describe' does not name HEAD $head (rebuild after committing?)" >&2
            fail=1
        fi
    fi
elif [ "$first" != "pview $version" ]; then
    echo "first line is '$first', want 'pview $version'" >&2
    fail=1
fi
check_lib() { # NAME BUILT_WITH
    line=$(printf '%s\n' "$out" | grep "^$1 ")
    if ! printf '%s\n' "$line" | grep -Eq "^$1 [0-9][0-9.]* \\(built with $2\\)\$"; then
        echo "library line for $1 is '$line', want '$1 RUNTIME (built with $2)'" >&2
        fail=1
    fi
}
check_lib ncurses "$4"
check_lib zlib "$5"
check_lib protobuf-c "$6"
check_lib elfutils "$7"
lines=$(printf '%s\n' "$out" | wc -l)
[ "$lines" = 5 ] || { echo "--version printed $lines lines, want 5:" >&2; fail=1; }
[ "$status" = 0 ] || { echo "--version exit status $status" >&2; fail=1; }
[ $fail = 0 ] || printf '%s\n' "$out" >&2
exit $fail

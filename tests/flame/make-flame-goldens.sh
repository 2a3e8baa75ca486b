#!/bin/sh
# Writes the -flame goldens: out/NAME.txt from build/pview (or $PVIEW) and out/NAME.cmd with
# the command. These goldens are pview's own format: review every changed one by eye.
# usage: make-flame-goldens.sh [NAME...]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
pview=${PVIEW:-$root/build/pview}
mkdir -p "$here/out"
tab=$(printf '\t')
while IFS="$tab" read -r name args; do
    case $name in '#'*|'') continue ;; esac
    if [ $# -gt 0 ]; then
        want=0
        for n in "$@"; do [ "$n" = "$name" ] && want=1; done
        [ $want = 1 ] || continue
    fi
    # shellcheck disable=SC2086
    (cd "$root" && TZ=UTC "$pview" $args) > "$here/out/$name.txt"
    printf 'TZ=UTC pview %s\n' "$args" > "$here/out/$name.cmd"
    echo "wrote out/$name.txt"
done < "$here/flame-cases.txt"

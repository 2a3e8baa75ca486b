#!/bin/bash
# Regenerates NAME.err (go tool pprof's stderr, go1.19.8) and NAME.cmd for every case of
# cases.txt, or for the NAMEs given:  TZ=UTC go tool pprof ARGS > /dev/null 2> NAME.err
set -u
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/../../.." || exit 1
set -f
want=" $* "
while IFS=$'\t' read -r name args; do
    case "$name" in ''|'#'*) continue ;; esac
    [ $# -gt 0 ] && [[ "$want" != *" $name "* ]] && continue
    # shellcheck disable=SC2086  # ARGS are split on blanks on purpose
    TZ=UTC go tool pprof $args > /dev/null 2> "$here/$name.err"
    printf 'TZ=UTC go tool pprof %s > /dev/null 2> %s.err\n# %s\n' "$args" "$name" "$(go version)" > "$here/$name.cmd"
done < "$here/cases.txt"

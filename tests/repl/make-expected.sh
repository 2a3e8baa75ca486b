#!/bin/bash
# Regenerates expected/NAME.out and .err from go tool pprof (go1.19.8) for every case, or
# for the NAMEs given: printf '%b' INPUT | TZ=UTC go tool pprof ARGS > NAME.out 2> NAME.err
set -u
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/../.." || exit 1
set -f
want=" $* "
while IFS=$'\t' read -r name args input; do
    case "$name" in ''|'#'*) continue ;; esac
    [ $# -gt 0 ] && [[ "$want" != *" $name "* ]] && continue
    # shellcheck disable=SC2086
    printf '%b' "$input" | TZ=UTC go tool pprof $args > "$here/expected/$name.out" 2> "$here/expected/$name.err"
    printf "printf '%%b' '%s' | TZ=UTC go tool pprof %s\n# %s\n" "$input" "$args" "$(go version)" > "$here/expected/$name.cmd"
done < "$here/cases.txt"

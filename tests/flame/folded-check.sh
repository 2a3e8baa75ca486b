#!/bin/sh
# Checks `pview -folded` against an independent sum of `go tool pprof -traces` on the same
# profile and flags: every stack pprof prints, with its value summed over samples, must be a
# line of -folded with that value, and -folded must print nothing else (each stack once).
#
# usage: folded-check.sh PVIEW UNIT ARGS...
#   UNIT: the sample type's base unit for pprof's -unit (ns, B), or - for plain counts.
#   ARGS: flags and profile, as given to both tools (paths relative to the repo root).
# Stacks whose values sum to zero are left out on both sides (-folded prints none).
set -u
pview=$1
unit=$2
shift 2
root=$(cd "$(dirname "$0")/../.." && pwd)
command -v go >/dev/null 2>&1 || { echo "go not installed: skipped"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
uflag=
[ "$unit" = - ] || uflag=-unit=$unit
cd "$root" || exit 2
# shellcheck disable=SC2086
TZ=UTC go tool pprof -traces $uflag "$@" > "$tmp/traces" 2>/dev/null ||
    { echo "go tool pprof -traces failed"; exit 1; }
"$pview" -folded "$@" > "$tmp/folded" 2> "$tmp/stderr" || { echo "pview -folded failed:"; cat "$tmp/stderr"; exit 1; }

# pprof prints each sample leaf first: the first line holds the value, every line a frame
# (name after the 13-column value field, " (inline)" marking an inlined call).
awk -v sep="-----------+-------------------------------------------------------" '
function flush() {
    if (n > 0) { s = f[n]; for (i = n - 1; i >= 1; i--) s = s ";" f[i]; sum[s] += val }
    n = 0
}
$0 == sep { flush(); inblock = 1; next }
!inblock { next }
/^ *[^ ]+:  / && n == 0 { next }   # labels
{
    line = $0
    if (n == 0) {
        match(line, /^ *[^ ]+   /)
        v = substr(line, 1, RLENGTH); gsub(/ /, "", v); sub(/[A-Za-z]+$/, "", v)
        val = v + 0
        name = substr(line, RLENGTH + 1)
    } else {
        name = substr(line, 14)
    }
    sub(/ \(inline\)$/, "", name)
    f[++n] = name
}
END {
    flush()
    for (s in sum) if (sum[s] != 0) printf "%s %.0f\n", s, sum[s]
}' "$tmp/traces" | LC_ALL=C sort > "$tmp/want"
LC_ALL=C sort "$tmp/folded" > "$tmp/got"
dups=$(sed 's/ [^ ]*$//' "$tmp/got" | uniq -d | head -3)
status=0
if [ -n "$dups" ]; then
    echo "stacks printed more than once by -folded:"; echo "$dups"; status=1
fi
if ! cmp -s "$tmp/want" "$tmp/got"; then
    echo "-folded differs from the sums of pprof -traces (< pprof, > pview):"
    diff "$tmp/want" "$tmp/got" | head -40
    status=1
fi
nw=$(wc -l < "$tmp/want")
[ "$nw" -gt 0 ] || { echo "pprof printed no stacks: the case checks nothing"; status=1; }
[ $status = 0 ] && echo "ok: $nw stacks"
exit $status

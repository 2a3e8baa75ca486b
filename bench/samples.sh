#!/bin/bash
# Times the sample reports (-top for reference, -tags, -traces, -raw, -proto) of pview against
# go tool pprof on one profile; see bench/README.md ("Sample reports").
#   bench/samples.sh FILE [REPORT...]        (default reports: top tags traces raw proto)
# Env: REPS (pview runs, default 5), PPROF_REPS (pprof runs, default 3), PVIEW (default
# build/pview). Prints per report and tool: the wall seconds of each run, the median wall
# and user+sys CPU seconds, the median peak RSS (MB), and whether pview's output equals
# pprof's (text reports: same bytes; -proto: `go tool pprof -raw` of both files is equal).
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
file=${1:?usage: bench/samples.sh FILE [REPORT...]}
shift
reports=("$@")
[ ${#reports[@]} -eq 0 ] && reports=(top tags traces raw proto)
REPS=${REPS:-5}
PPROF_REPS=${PPROF_REPS:-3}
PVIEW=${PVIEW:-$root/build/pview}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/pview-samples.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT

median() { sort -n | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else printf "%.2f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

# run TOOL REPORT N: N runs; leaves the first run's output in $tmp/TOOL-REPORT.out
run() {
    local tool=$1 rep=$2 n=$3 i
    : > "$tmp/t"
    for ((i = 1; i <= n; i++)); do
        if [ "$tool" = pview ]; then
            /usr/bin/time -f '%e %U %S %M' -o "$tmp/one" "$PVIEW" "-$rep" -symbolize=none "$file" > "$tmp/out" 2>/dev/null
        else
            /usr/bin/time -f '%e %U %S %M' -o "$tmp/one" go tool pprof "-$rep" -symbolize=none "$file" > "$tmp/out" 2>/dev/null
        fi
        tail -1 "$tmp/one" >> "$tmp/t"
        if [ "$i" = 1 ]; then mv "$tmp/out" "$tmp/$tool-$rep.out"; else rm -f "$tmp/out"; fi
    done
    local walls cpu rss
    walls=$(awk '{ printf "%s ", $1 }' "$tmp/t")
    cpu=$(awk '{ printf "%.2f\n", $2 + $3 }' "$tmp/t" | median)
    rss=$(awk '{ printf "%.1f\n", $4 / 1024 }' "$tmp/t" | median)
    printf '| %s | %s | %s| %s | %s | %s |' "$rep" "$tool" "$walls" "$(awk '{ print $1 }' "$tmp/t" | median)" "$cpu" "$rss"
}

echo "file: $file; pview $REPS runs, pprof $PPROF_REPS runs; $(nproc) cores; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "| report | tool | wall s per run | median wall s | median user+sys s | median peak RSS MB | output |"
echo "| --- | --- | --- | ---: | ---: | ---: | --- |"
for rep in "${reports[@]}"; do
    a=$(run pview "$rep" "$REPS")
    b=$(run pprof "$rep" "$PPROF_REPS")
    if [ "$rep" = proto ]; then
        TZ=UTC go tool pprof -raw -symbolize=none "$tmp/pview-proto.out" > "$tmp/a" 2>/dev/null
        TZ=UTC go tool pprof -raw -symbolize=none "$tmp/pprof-proto.out" > "$tmp/b" 2>/dev/null
        cmp -s "$tmp/a" "$tmp/b" && m="MATCH (-raw of both)" || m=DIFFER
        rm -f "$tmp/a" "$tmp/b"
    else
        cmp -s "$tmp/pview-$rep.out" "$tmp/pprof-$rep.out" && m=MATCH || m=DIFFER
    fi
    echo "$a $m |"
    echo "$b |"
    rm -f "$tmp/pview-$rep.out" "$tmp/pprof-$rep.out"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"

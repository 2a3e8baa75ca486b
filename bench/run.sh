#!/usr/bin/env bash
# Benchmark `pview -top FILE` against `go tool pprof -top FILE` on synthetic
# profiles made by bench/genprof.c.  See bench/README.md.
#
# usage: bench/run.sh [-raw] [SIZES...]      (default sizes: 300000 1500000)
#   -raw   time on the uncompressed protobuf instead of the gzipped one
# environment:
#   PVIEW     pview binary (default: build/pview)
#   GENPROF   genprof binary (default: build/bench/genprof, else compiled
#             into bench/out/ with cc)
#   GENFLAGS  extra genprof flags (default: none, i.e. -d 25 -t 4 ...)
#   REPS      runs per tool and size (default 3); medians are reported
#   GO        go command (default: go)
set -u

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
out="$here/out"
mkdir -p "$out"

raw=0
if [ "${1:-}" = "-raw" ]; then
    raw=1
    shift
fi
if [ "${1:-}" = "-h" ] || [ "${1:-}" = "--help" ]; then
    sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'
    exit 0
fi
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(300000 1500000)
for s in "${sizes[@]}"; do
    case $s in ''|*[!0-9]*) echo "run.sh: bad size: $s" >&2; exit 2 ;; esac
done

REPS=${REPS:-3}
PVIEW=${PVIEW:-$root/build/pview}
GO=${GO:-go}
GENFLAGS=${GENFLAGS:-}

# --- tools ------------------------------------------------------------------
TIME=/usr/bin/time
if [ ! -x $TIME ]; then
    echo "installing GNU time (Debian package 'time')" >&2
    if [ "$(id -u)" = 0 ]; then
        apt-get install -y -q time >/dev/null 2>&1 ||
            { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q time >/dev/null 2>&1; }
    else
        sudo apt-get install -y -q time >/dev/null 2>&1 ||
            { sudo apt-get update -q >/dev/null 2>&1 && sudo apt-get install -y -q time >/dev/null 2>&1; }
    fi
    [ -x $TIME ] || { echo "run.sh: /usr/bin/time missing and could not be installed" >&2; exit 1; }
fi

GENPROF=${GENPROF:-}
if [ -z "$GENPROF" ]; then
    if [ -x "$root/build/bench/genprof" ] && [ "$root/build/bench/genprof" -nt "$here/genprof.c" ]; then
        GENPROF=$root/build/bench/genprof
    else
        GENPROF=$out/genprof
        if [ ! -x "$GENPROF" ] || [ "$here/genprof.c" -nt "$GENPROF" ]; then
            echo "compiling $GENPROF" >&2
            ${CC:-cc} -std=c11 -O2 -D_GNU_SOURCE -o "$GENPROF" "$here/genprof.c" -lz -lm ||
                { echo "run.sh: cannot build genprof" >&2; exit 1; }
        fi
    fi
fi

have_pview=1
if [ ! -f "$PVIEW" ] || [ ! -x "$PVIEW" ]; then
    have_pview=0
    echo "pview not built ($PVIEW): timing go tool pprof only"
fi
have_pprof=1
if ! command -v "$GO" >/dev/null 2>&1; then
    have_pprof=0
    echo "go not found: timing pview only"
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# median of numbers on stdin
median() {
    sort -g | awk '{ v[NR] = $1 } END {
        if (NR == 0) { print "nan"; exit }
        if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# run TAG CMD...: REPS runs; sets med_s, med_mb; stdout of the last run kept
# in $tmp/TAG.out; returns 1 if any run failed
run() {
    local tag=$1
    shift
    : >"$tmp/$tag.times"
    local i
    for ((i = 1; i <= REPS; i++)); do
        if ! $TIME -f '%e %M' -o "$tmp/$tag.t" "$@" >"$tmp/$tag.out" 2>"$tmp/$tag.err"; then
            echo "  $tag failed (run $i):" >&2
            tail -5 "$tmp/$tag.err" >&2
            sed 's/^/  /' "$tmp/$tag.t" >&2
            return 1
        fi
        tail -1 "$tmp/$tag.t" >>"$tmp/$tag.times"
        printf '  %s run %d: %s s, %s KB\n' "$tag" "$i" $(tail -1 "$tmp/$tag.t") >&2
    done
    med_s=$(awk '{ print $1 }' "$tmp/$tag.times" | median)
    med_mb=$(awk '{ print $2 / 1024 }' "$tmp/$tag.times" | median)
    return 0
}

tag_flags=""
if [ -n "$GENFLAGS" ]; then
    tag_flags=-$(printf '%s' "$GENFLAGS" | cksum | cut -d' ' -f1)
fi

rows=()
for n in "${sizes[@]}"; do
    if [ $raw = 1 ]; then
        f=$out/prof-$n$tag_flags.pb
        gflag=-raw
    else
        f=$out/prof-$n$tag_flags.pb.gz
        gflag=
    fi
    if [ ! -s "$f" ]; then
        echo "generating $f" >&2
        # shellcheck disable=SC2086
        "$GENPROF" -n "$n" $GENFLAGS $gflag -o "$f.tmp" && mv "$f.tmp" "$f" ||
            { echo "run.sh: genprof failed" >&2; exit 1; }
    fi
    fsize=$(du -m "$f" | cut -f1)
    echo "size $n: $f (${fsize} MB on disk), $REPS runs each" >&2

    pv_s=; pv_mb=; pp_s=; pp_mb=; verdict=-
    if [ $have_pview = 1 ]; then
        if run pview "$PVIEW" -top "$f"; then
            pv_s=$med_s; pv_mb=$med_mb
            rows+=("$(printf '%-9s %-6s %10.2f %10.1f %9s %9s %s' "$n" pview "$pv_s" "$pv_mb" - - -)")
        else
            rows+=("$(printf '%-9s %-6s %10s %10s %9s %9s %s' "$n" pview FAIL FAIL - - -)")
        fi
    else
        rows+=("$(printf '%-9s %-6s %10s %10s %9s %9s %s' "$n" pview "not built" - - - -)")
    fi
    if [ $have_pprof = 1 ]; then
        if run pprof "$GO" tool pprof -top "$f"; then
            pp_s=$med_s; pp_mb=$med_mb
        fi
    fi
    tr=-; mr=-
    if [ -n "$pv_s" ] && [ -n "$pp_s" ]; then
        tr=$(awk -v a="$pp_s" -v b="$pv_s" 'BEGIN { if (b > 0) printf "%.1fx", a / b; else print "inf" }')
        mr=$(awk -v a="$pp_mb" -v b="$pv_mb" 'BEGIN { if (b > 0) printf "%.1fx", a / b; else print "inf" }')
        if cmp -s "$tmp/pview.out" "$tmp/pprof.out"; then
            verdict=MATCH
            rm -f "$out/diff-$n$tag_flags.txt"
        else
            verdict=DIFFER
            diff "$tmp/pprof.out" "$tmp/pview.out" >"$out/diff-$n$tag_flags.txt"
            echo "  outputs differ: $out/diff-$n$tag_flags.txt (< pprof, > pview)" >&2
        fi
    fi
    if [ -n "$pp_s" ]; then
        rows+=("$(printf '%-9s %-6s %10.2f %10.1f %9s %9s %s' "$n" pprof "$pp_s" "$pp_mb" "$tr" "$mr" "$verdict")")
    elif [ $have_pprof = 1 ]; then
        rows+=("$(printf '%-9s %-6s %10s %10s %9s %9s %s' "$n" pprof FAIL FAIL - - -)")
    fi
done

echo
echo "input: $([ $raw = 1 ] && echo uncompressed || echo gzipped) profiles, genprof flags: ${GENFLAGS:-(defaults)}, median of $REPS runs"
printf '%-9s %-6s %10s %10s %9s %9s %s\n' samples tool wall_s rss_MB "time_x" "mem_x" output
for r in "${rows[@]}"; do
    echo "$r"
done
echo "time_x, mem_x: go tool pprof / pview; output: pview -top vs go tool pprof -top stdout"

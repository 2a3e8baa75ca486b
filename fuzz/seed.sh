#!/bin/bash
# Writes seed inputs for one harness into DIR, from testdata/ (and fixed examples for the
# text harnesses). Used once to start a kept corpus (fuzz/corpus/NAME) and by campaign.sh
# with FUZZ_RESEED=1; the kept corpus is what fuzzing starts from.
#
#   fuzz/seed.sh HARNESS DIR
set -eu
SRC=$(cd "$(dirname "$0")/.." && pwd)
h=$1 d=$2
mkdir -p "$d"
maxlen=$(awk -v h="$h" '$1 == h {print $2}' "$SRC/fuzz/maxlen")

# profiles and other inputs of testdata/, gunzipped, that fit in max_len
profiles() {
    find "$SRC/testdata" -type f ! -path '*/symbolize/*' ! -name 'LICENSE*' ! -name '*.md' ! -name '*.py' \
        ! -name '*.sh' ! -name '*.elf' -size -1024k | sort
}
raw() {
    if [ "$(head -c 2 "$1" | od -An -tx1 | tr -d ' ')" = 1f8b ]; then gzip -dc "$1" 2>/dev/null || true; else cat "$1"; fi
}
i=0
case $h in
decode | legacy)
    while IFS= read -r f; do
        i=$((i + 1))
        raw "$f" >"$d/seed-$i"
        [ "$(stat -c %s "$d/seed-$i")" -le "$maxlen" ] || rm -f "$d/seed-$i"
        [ "$(stat -c %s "$f")" -le "$maxlen" ] && cp "$f" "$d/file-$i"
    done < <(profiles)
    ;;
report)
    # settings byte (fuzz_report.c): 0 functions, 3 lines, 4 addresses, 0x09 filefunctions+cum, 0x32 files+noinlines+mean
    while IFS= read -r f; do
        i=$((i + 1))
        raw "$f" >"$d/p"
        if [ "$(stat -c %s "$d/p")" -lt "$maxlen" ]; then
            for s in 000 003 004 011 062 300; do
                { printf "\\$s"; cat "$d/p"; } >"$d/seed-$i-$s"
            done
        fi
    done < <(profiles)
    rm -f "$d/p"
    ;;
symbolize)
    while IFS= read -r f; do
        i=$((i + 1))
        cp "$f" "$d/elf-$i"
    done < <(find "$SRC/testdata/symbolize" "$SRC/testdata/bad" -type f -size -"$((maxlen / 1024))"k -exec sh -c \
        'head -c 4 "$1" | grep -q ELF' _ {} \; -print | sort)
    ;;
filter)
    printf 'main\n\n\n\n' >"$d/focus"
    printf '\njson|malloc\nMethod\n.\n' >"$d/ignore-hide-show"
    printf '\n\n\n\nkey=value\nregion=us-east\n' >"$d/tags"
    printf '\n\n\n\nbytes=1kb:4mb\n\nmain\nmalloc\nkey\nregion\n' >"$d/all"
    printf '\n\n\n\n-10us:\n:5\n\n\n\n\n\003' >"$d/ranges"
    printf '(*T)\\.Method\n^main\\.\n' >"$d/regex"
    ;;
command)
    for l in 'top' 'top10 -cum main' 'top 5 -runtime json' 'focus=main' 'ignore=runtime\.' ':' 'cum' 'flat' \
        'granularity=lines' 'sample_index=cpu' 'samples' 'nodecount=3' 'sort=cum' 'options' 'help' 'list main' \
        'hide=json' 'tagfocus=key=value' 'traces' 'quit' 'focus' 'focus main' 'unknown words' 'top20'; do
        i=$((i + 1))
        printf '%s\n' "$l" >"$d/cmd-$i"
    done
    printf 'focus=main\ntop -cum\ngranularity=lines\n:\ncum\n' >"$d/session"
    ;;
*)
    echo "seed.sh: no harness $h" >&2
    exit 2
    ;;
esac

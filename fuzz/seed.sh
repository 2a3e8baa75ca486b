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
repl)
    # the REPL transcripts' inputs (tests/repl/cases.txt), then one line per report and setting
    while IFS=$'\t' read -r name _ input; do
        case $name in '#'* | '') continue ;; esac
        printf '%b' "$input" >"$d/case-$name"
    done <"$SRC/tests/repl/cases.txt"
    for l in 'peek main' 'traces' 'tags' 'raw' 'list main' 'disasm main' 'tree' 'dot' 'svg' 'callgrind' \
        'comments' 'folded' 'flame' 'proto >out.pb' 'top3 -cum >out.txt' 'tagroot=key' 'tagleaf=region' \
        'cpu' 'mean=true' 'unit=ms' 'show_from=json' 'granularity=addresses' 'help' 'options'; do
        i=$((i + 1))
        printf '%s\ntop\n' "$l" >"$d/line-$i"
    done
    ;;
fetch)
    # [SECONDS TAB TIMEOUT TAB] SOURCE NL HEADER-LINES [NUL BODY] (fuzz_fetch.c)
    hdr() { printf '%s\r\n' "$@"; }
    for f in testdata/bad/valid.pb.gz testdata/parca/pkg/query/testdata/two-stacks.pb.gz \
        testdata/parca/pkg/query/testdata/single-stack.pb.gz; do
        i=$((i + 1))
        { printf 'localhost:6060\n'; hdr 'HTTP/1.1 200 OK' 'Content-Type: application/octet-stream' \
            'Content-Disposition: attachment; filename="profile"' ''; printf '\0'; cat "$SRC/$f"; } >"$d/ok-$i"
    done
    { printf '30\t-1\thttp://127.0.0.1:8080/debug/pprof/profile\n'; hdr 'HTTP/1.1 200 OK' \
        'Content-Type: application/octet-stream' ''; printf '\0'; gzip -dc "$SRC/testdata/bad/valid.pb.gz"; } >"$d/ok-raw"
    { printf 'https+insecure://host:6060/debug/pprof/heap?debug=0\n'; hdr 'HTTP/1.1 302 Found' \
        'Location: /debug/pprof/heap2' 'Content-Length: 0' '' 'HTTP/1.1 301 Moved Permanently' 'Location: /x' '' \
        'HTTP/1.1 200 OK' 'Content-Type: application/octet-stream' ''; printf '\0'; cat "$SRC/testdata/bad/heap.pb.gz"; } >"$d/redirects"
    { printf 'http://localhost:6060/debug/pprof/nosuch\n'; hdr 'HTTP/1.1 404 Not Found' \
        'Content-Type: text/plain; charset=utf-8' 'X-Content-Type-Options: nosniff' 'X-Go-Pprof: 1' ''
        printf '\0Unknown profile\n'; } >"$d/go-404"
    { printf 'localhost:6060/debug/pprof/heap?seconds=soon\n'; hdr 'HTTP/1.1 400 Bad Request' \
        'Content-Type: text/plain; charset=utf-8' 'X-Go-Pprof: 1' ''
        printf '\0invalid value for "seconds" - must be a positive integer\n'; } >"$d/go-400"
    { printf '10\t5\tlocalhost:6060/debug/pprof/profile\n'; hdr 'HTTP/1.1 500 Internal Server Error' \
        'Content-Type: text/plain; charset=utf-8' 'X-Go-Pprof: 1' ''
        printf '\0Could not enable CPU profiling: cpu profiling already in use\r\n'; } >"$d/go-500"
    { printf 'http://example.com:80/\n'; hdr 'HTTP/1.1 404 Not Found' 'Content-Type: text/html; charset=utf-8' ''
        printf '\0<!DOCTYPE html>\n<html><head><title>404</title></head><body>Not here</body></html>\n'; } >"$d/html-404"
    { printf 'http://[::1]:6060\n'; hdr 'HTTP/1.0 503' ''; } >"$d/no-reason"
    { printf 'http://u:p@host:1/p?b=2&a=1&seconds=5#f\n'; hdr 'HTTP/2 200' 'content-type: text/html' ''
        printf '\0<html><body>a login page</body></html>\n'; } >"$d/html-200"
    printf 'profile.pb.gz\n' >"$d/local-path"
    printf 'file:///tmp/cpu.pprof\n' >"$d/file-url"
    ;;
folded)
    # folded files, two of them merged (NUL between: fuzz_folded.c), and the forms the parser refuses
    fit() { LC_ALL=C awk -v m="$maxlen" '{ n += length($0) + 1; if (n > m) exit; print }'; }
    for f in "$SRC"/tests/fetch/folded/*.folded; do
        i=$((i + 1))
        fit <"$f" >"$d/file-$i"
    done
    { cat "$SRC/tests/fetch/folded/simple.folded"; printf '\0'; cat "$SRC/tests/fetch/folded/simple.folded"; } |
        head -c "$maxlen" >"$d/merge"
    # pview's own -folded output of a few profiles, when a build is there
    pview=${PVIEW:-$SRC/build/pview}
    if [ -x "$pview" ]; then
        for f in testdata/pprof/internal/report/testdata/sample.cpu testdata/derived/pprof-rs/profile.pb.gz \
            testdata/pprofutils/examples/folded.in.pprof testdata/pprofutils/examples/labelframes.in.pprof; do
            i=$((i + 1))
            "$pview" -symbolize=none -folded "$SRC/$f" 2>/dev/null | fit >"$d/pview-$i" || true
            [ -s "$d/pview-$i" ] || rm -f "$d/pview-$i"
        done
    fi
    printf '\xef\xbb\xbfmain;a 1\r\nmain;b 2\r\n' >"$d/bom-crlf"
    printf 'perf-exec;[unknown];_start;main 3\nswapper;do_idle_[k] 9\njava;Interpreter_[j];x_[i] 1\n' >"$d/perf"
    printf 'a;b 10 20\n' >"$d/differential"
    printf 'a 9223372036854775807\na 1\n' >"$d/overflow"
    printf 'a;;b\t4\n  \n;x 0\n' >"$d/odd"
    printf 'main 1\nnot folded\n' >"$d/bad-line"
    ;;
*)
    echo "seed.sh: no harness $h" >&2
    exit 2
    ;;
esac

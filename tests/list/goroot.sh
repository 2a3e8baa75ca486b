#!/bin/bash
# pview -list beyond pprof: Go standard library files named with another machine's GOROOT
# (/home/builder/sdk/go1.19.8/src/...) or relative (runtime/malloc.go, as -trimpath and
# newer Go record them) are read from the local GOROOT. Expected: go tool pprof's own output
# for the same profile when it is pointed at the local GOROOT with -source_path/-trim_path
# (goldens of tests/golden/cases-list.txt). With PVIEW_PPROF_SOURCES=1 pview looks only
# where pprof looks and prints pprof's errors.
#   goroot.sh PVIEW       (from the repo root)
set -u
PVIEW=$1
fail=0
root=$(go env GOROOT 2>/dev/null) || root=""
if [ "$root" != /usr/lib/go-1.19 ]; then
    echo "SKIP: the goldens quote go1.19's sources from /usr/lib/go-1.19 (local GOROOT: '${root:-none}')"
    exit 77
fi
G=tests/golden/out-list
check() { # name expected actual
    if cmp -s "$2" "$3"; then echo "ok: $1"; else echo "FAIL: $1"; diff -u "$2" "$3" | head -40; fail=1; fi
}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# relative names (runtime/malloc.go): found under $GOROOT/src; pprof needed -source_path
TZ=UTC "$PVIEW" -symbolize=none -source_path=/nonexistent '-list=^runtime\.(mallocgc|scanobject)$' \
    testdata/go/src/cmd/compile/default.pgo > "$tmp/a.txt"
check relative-goroot $G/list-startline.txt "$tmp/a.txt"

# another machine's GOROOT: the same listing as pprof's with -trim_path/-source_path, but
# for the file name in the ROUTINE lines (pprof prints the trimmed name)
TZ=UTC "$PVIEW" -symbolize=none '-list=runtime\.mem' testdata/golist/cpu-remote.pprof |
    sed 's# in /home/builder/sdk/go1.19.8/src/# in #' > "$tmp/b.txt"
sed 's# in src/# in #' $G/list-remote.txt > "$tmp/b-want.txt"
check remote-goroot "$tmp/b-want.txt" "$tmp/b.txt"

# strict: pprof's lookups and errors
PVIEW_PPROF_SOURCES=1 TZ=UTC "$PVIEW" -symbolize=none '-list=runtime\.memmove' \
    testdata/golist/cpu-remote.pprof > "$tmp/c.txt"
if grep -q '^ Error: open /home/builder/sdk/go1.19.8/src/runtime/memmove_amd64.s: no such file or directory$' "$tmp/c.txt"; then
    echo "ok: strict"
else
    echo "FAIL: strict"; cat "$tmp/c.txt"; fail=1
fi
exit $fail

#!/bin/sh
# Every file under testdata/ must be named, in backquotes, in a manifest that gives its origin
# and licence: testdata/symbolize/MANIFEST.md for testdata/symbolize/ (paths relative to it),
# testdata/MANIFEST.md for the rest (paths from the top of the tree).
# usage: check.sh SOURCE_DIR
set -u
cd "$1" || exit 2
missing=0
for f in $(find testdata \( -type f -o -type l \) | LC_ALL=C sort); do
    case $f in
    testdata/MANIFEST.md | testdata/symbolize/MANIFEST.md) continue ;;
    testdata/symbolize/*) manifest=testdata/symbolize/MANIFEST.md; name=${f#testdata/symbolize/} ;;
    *) manifest=testdata/MANIFEST.md; name=$f ;;
    esac
    if ! grep -qF "\`$name\`" "$manifest"; then
        echo "$f: not named in $manifest (origin and licence)" >&2
        missing=$((missing + 1))
    fi
done
[ $missing = 0 ] || { echo "$missing file(s) without a manifest entry" >&2; exit 1; }

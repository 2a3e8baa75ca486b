#!/bin/sh
# load.stream: every file under testdata/ loads streamed as it loads whole (pv-streamtest
# exits 1 on any difference), and the gzipped profiles outside testdata/bad/ (the ones Go
# and other pprof writers made) take the streamed path in every run.
# usage: stream.sh PV_STREAMTEST SOURCE_DIR
set -u
# -parallel: the steps that go on two threads for big profiles do so on these too; with
# -hold, each stream is fed whole before it decodes anything, so the rest of a download
# (all of it) is decoded in two halves on two threads
for par in "" -parallel "-parallel -hold"; do
    out=$(cd "$2/testdata" && "$1" $par .) || {
        printf '%s\n' "$out" | grep -v ': streamed$\|: whole$\|: error: '
        echo "load.stream: a streamed load differs ($par)"
        exit 1
    }
done
n=$(printf '%s\n' "$out" | grep -c ': streamed$')
not=$(printf '%s\n' "$out" | grep '\.pb\.gz: ' | grep -v '^\./bad/' | grep -v ': streamed$')
if [ -n "$not" ]; then
    printf '%s\n' "$not"
    echo "load.stream: these profiles were not read as streamed"
    exit 1
fi
echo "load.stream: $(printf '%s\n' "$out" | wc -l) files loaded alike streamed and whole; $n took the streamed path"

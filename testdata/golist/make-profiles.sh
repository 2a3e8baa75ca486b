#!/bin/sh
# Rebuilds the profiles of listdemo (go1.19.8, linux/amd64). The program is built in
# /tmp/pvlist/listdemo so that its file names in the profiles are /tmp/pvlist/listdemo/*.go,
# a path that does not exist on the test machine: the tests find the sources with
# -trim_path, -source_path and pprof's search heuristics. The directory is removed at the
# end (pprof would otherwise find the sources there).
#   cpu.pprof, heap.pprof   plain build: Go standard library files under the local GOROOT
#   cpu-trimpath.pprof      go build -trimpath: relative names (listdemo/hash.go, runtime/...)
#   cpu-remote.pprof        GOROOT recorded as /home/builder/sdk/go1.19.8 (another machine's)
#   listdemo.bin            the plain build's binary (for -disasm)
#   listdemo-arm64.bin      GOARCH=arm64 build, and arm64.pprof, a made-up profile of it
#                           (make-arm64.py), for -disasm on arm64 without an arm64 machine
set -eu
here=$(cd "$(dirname "$0")" && pwd)
goroot=$(go env GOROOT)
rm -rf /tmp/pvlist
mkdir -p /tmp/pvlist
cp -r "$here/listdemo" /tmp/pvlist/listdemo
cd /tmp/pvlist/listdemo
go build -o listdemo .
./listdemo -cpu "$here/cpu.pprof" -heap "$here/heap.pprof"
cp listdemo "$here/listdemo.bin"
go build -trimpath -o listdemo-trim .
./listdemo-trim -cpu "$here/cpu-trimpath.pprof"
go build -gcflags="all=-trimpath=$goroot=>/home/builder/sdk/go1.19.8" \
    -asmflags="all=-trimpath=$goroot=>/home/builder/sdk/go1.19.8" -o listdemo-remote .
./listdemo-remote -cpu "$here/cpu-remote.pprof"
GOARCH=arm64 go build -trimpath -ldflags=-buildid= -o "$here/listdemo-arm64.bin" .
python3 "$here/make-arm64.py" "$here/listdemo-arm64.bin" "$here/arm64.pprof"
cd /
rm -rf /tmp/pvlist

#!/bin/sh
# Builds tests/fetch/fetchsrv.go (standard library only, no modules, nothing from the
# network) into WORKDIR/fetchsrv. Exit 77 (skipped) when go is not installed.
#   build-server.sh WORKDIR
set -eu
WORK=$1
HERE=$(cd "$(dirname "$0")" && pwd)
command -v go >/dev/null 2>&1 || { echo "go not installed: fetch tests skipped"; exit 77; }
mkdir -p "$WORK"
export GO111MODULE=off GOPROXY=off GOFLAGS= GOCACHE="$WORK/gocache" GOPATH="$WORK/gopath" CGO_ENABLED=0
go build -o "$WORK/fetchsrv.new" "$HERE/fetchsrv.go"
mv "$WORK/fetchsrv.new" "$WORK/fetchsrv"
echo "built $WORK/fetchsrv"

#!/bin/sh
# Installs what pview needs to build and test on Debian 12 (as root, or through sudo).
# Idempotent: does nothing when every package is already there.
set -eu
PKGS="build-essential cmake pkg-config libncurses-dev libprotobuf-c-dev protobuf-c-compiler
zlib1g-dev libelf-dev libdw-dev libcurl4-openssl-dev libcapstone-dev"
TEST_PKGS="golang-go openssl elfutils llvm time valgrind clang libclang-rt-14-dev zsh man-db lintian
libc6-dbg debuginfod libdebuginfod1 curl graphviz"
case "${1:-}" in
  --test) PKGS="$PKGS $TEST_PKGS" ;;
esac
missing=""
for p in $PKGS; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "Installing:$missing"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null

#!/bin/sh
# Builds the Rust fixture with both symbol manglings and lists its own symbols (the names the
# demangling tests use, see tests/symbolize/README.md). Built with rustc 1.95.0; legacy
# mangling needs -Z unstable-options there (RUSTC_BOOTSTRAP=1).
set -eu
cd "$(dirname "$0")"
rustc --version
rustc -O -g -C symbol-mangling-version=v0 -o collatz-v0 collatz.rs
RUSTC_BOOTSTRAP=1 rustc -O -g -Z unstable-options -C symbol-mangling-version=legacy -o collatz-legacy collatz.rs
rustc -O -C symbol-mangling-version=v0 -o uni-v0 uni.rs
{ nm collatz-v0; nm uni-v0; } | awk '{print $NF}' | grep '^_R' | sort -u > names-v0.txt
nm collatz-legacy | awk '{print $NF}' | grep -E '^_ZN.*17h[0-9a-f]{16}E' | sort -u > names-legacy.txt
rm -f collatz-v0 collatz-legacy uni-v0

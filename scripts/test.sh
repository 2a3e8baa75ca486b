#!/bin/sh
# One command: install dependencies, build, run every test, check the Debian package of that
# build (scripts/package-test.sh); then the tests again under ASan+UBSan, then a short smoke run
# of each libFuzzer harness (fuzz/run.sh --smoke).
# SANITIZE=0 skips the sanitizer pass, FUZZ=0 the fuzz smoke.
set -eu
cd "$(dirname "$0")/.."
sh scripts/deps.sh --test
jobs=$(nproc)
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPVIEW_WERROR=ON >/dev/null
cmake --build build -j"$jobs"
ctest --test-dir build -j"$jobs" --output-on-failure
# the Debian package of that build: install, check, purge (root only; skips otherwise)
sh scripts/package-test.sh build
if [ "${SANITIZE:-1}" != 0 ]; then
  cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DPVIEW_SANITIZE=ON -DPVIEW_WERROR=ON >/dev/null
  cmake --build build-asan -j"$jobs"
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --test-dir build-asan -j"$jobs" --output-on-failure -LE slow
fi
if [ "${FUZZ:-1}" != 0 ]; then
  bash fuzz/run.sh --smoke
fi

#!/bin/sh
# One command for a new user: install dependencies, build, open the bundled sample profile.
set -eu
cd "$(dirname "$0")/.."
sh scripts/deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc)"
exec build/pview "${@:-testdata/pprof/internal/report/testdata/sample.cpu}"

#!/bin/sh
# Rewrites the expected screens (only those whose expect/reject checks pass) and pview.1.
# Read the diff before committing: an expected screen is only as good as its review.
# usage: tests/tui/update.sh [BUILD_DIR] [CASE_NAME...]   (default build dir: build)
set -u
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../../build}
[ $# -gt 0 ] && shift
status=0
if [ $# -eq 0 ]; then
    for c in "$here"/cases/*.t; do sh "$here/run.sh" "$build/pview" "$c" update || status=1; done
else
    for n in "$@"; do sh "$here/run.sh" "$build/pview" "$here/cases/$n.t" update || status=1; done
fi
sh "$here/update-man.sh" "$build/tui/pview-keytable"
exit $status

#!/bin/bash
# Regenerates tests/list/expected/NAME.txt (go tool pprof's stdout) and NAME.cmd for the cases of
# cases.txt (all, or those named), from the repo root. Needs go1.19.8.
set -u
. "$(dirname "$0")/lib.sh"
cd "$REPO_ROOT" || exit 1
set -f
mkdir -p "$LIST_DIR/expected"
names=("$@")
[ ${#names[@]} -gt 0 ] || mapfile -t names < <(grep -v '^#' "$LIST_DIR/cases.txt" | cut -f1)
rc=0
for n in "${names[@]}"; do
    case_line "$n" || { echo "no case $n" >&2; rc=1; continue; }
    # shellcheck disable=SC2086
    TZ=UTC go tool pprof $PPROF_ARGS > "$LIST_DIR/expected/$n.txt" 2>/dev/null || { echo "$n: pprof failed" >&2; rc=1; }
    printf 'TZ=UTC go tool pprof %s\n# %s\n' "$PPROF_ARGS" "$(go version)" > "$LIST_DIR/expected/$n.cmd"
done
exit $rc

# Shared by run.sh and make-expected.sh: find_case NAME sets CASE_ARGS, CASE_ENV (list of
# VAR=value words), CASE_STDERR, CASE_REF from cases.txt; REPO_ROOT is the repo's top.
REPO_ROOT=$(cd "$(dirname "$0")/../.." && pwd)
E2E_DIR=$REPO_ROOT/tests/symbolize-e2e
find_case() {
    line=$(awk -F'\t' -v n="$1" '$0 !~ /^#/ && $1 == n { print; exit }' "$E2E_DIR/cases.txt")
    [ -n "$line" ] || return 1
    CASE_ARGS=$(printf '%s\n' "$line" | cut -f2)
    CASE_ENV=$(printf '%s\n' "$line" | cut -f3)
    CASE_STDERR=$(printf '%s\n' "$line" | cut -f4)
    CASE_REF=$(printf '%s\n' "$line" | cut -f5)
    [ "$CASE_ENV" = - ] && CASE_ENV=
    # only what the case names is searched: never $HOME/pprof/binaries or pview's own path
    CASE_ENV="PVIEW_BINARY_PATH= PPROF_BINARY_PATH=/nonexistent/pview-e2e $CASE_ENV"
    return 0
}

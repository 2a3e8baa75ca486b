# Shared helpers for the golden scripts (sourced, not run).
# Case files: NAME<TAB>ARGS per line; '#' lines and blank lines are ignored.
# ARGS are split on blanks, with no quoting and no glob expansion.

GOLDEN_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$GOLDEN_DIR/../.." && pwd)
# The extended set reads AGPL / CC-BY-SA profiles in place from this sibling dir.
EXT_DATA_DIR=../shared/testdata

# case_files: "cases-file output-dir" pairs.
# Besides these two, every cases-NAME.txt (one per report family: cases-peek.txt, ...) is a
# set whose goldens live in out-NAME/.
CASE_SETS=("cases.txt out" "extended-cases.txt out-ext")
for _f in "$GOLDEN_DIR"/cases-*.txt; do
    [ -e "$_f" ] || continue
    _n=$(basename "$_f" .txt)
    CASE_SETS+=("$_n.txt out-${_n#cases-}")
done
unset _f _n

# list_cases FILE: print "NAME<TAB>ARGS" lines.
list_cases() {
    grep -v -e '^#' -e '^[[:space:]]*$' "$GOLDEN_DIR/$1"
}

# find_case NAME: sets CASE_ARGS, CASE_OUT (output dir name), CASE_SET (cases file).
find_case() {
    local set file out line
    for set in "${CASE_SETS[@]}"; do
        read -r file out <<<"$set"
        line=$(list_cases "$file" | awk -F'\t' -v n="$1" '$1 == n { print; exit }')
        if [ -n "$line" ]; then
            CASE_ARGS=${line#*$'\t'}
            CASE_OUT=$out
            CASE_SET=$file
            return 0
        fi
    done
    return 1
}

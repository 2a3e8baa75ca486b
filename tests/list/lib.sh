# Shared by compare.sh and make-expected.sh (sourced). Cases: cases.txt.
LIST_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$LIST_DIR/../.." && pwd)

# case_line NAME: sets MODE, PPROF_ARGS, PVIEW_ARGS
case_line() {
    local line
    line=$(grep -v '^#' "$LIST_DIR/cases.txt" | awk -F'\t' -v n="$1" '$1 == n { print; exit }')
    [ -n "$line" ] || return 1
    IFS=$'\t' read -r _ MODE PPROF_ARGS PVIEW_ARGS <<<"$line"
    [ -n "$PVIEW_ARGS" ] || PVIEW_ARGS=$PPROF_ARGS
}

# numbers MODE < report: the compared lines. A location printed on its own line (before a long
# instruction) is attached to the instruction that follows it.
numbers() {
    awk -v mode="$1" '
        /^Total:|^ROUTINE|^    AKA|\(flat, cum\)/ { print; next }
        substr($0, 1, 75) ~ /^ +;$/ { pending = substr($0, 76); next }
        /^ +[^ ]+ +[^ ]+ +[0-9a-f]+: / {
            loc = pending; pending = ""
            i = index($0, ";"); if (i && loc == "") loc = substr($0, i + 1)
            if (mode == "sampled" && $1 == "." && $2 == ".") next
            if (mode == "full") print $1, $2, $3, loc; else print $1, $2, $3
            next
        }
        { print "other: " $0 }'
}

#!/bin/bash
# Regenerate the golden outputs from `go tool pprof`.
#   tests/golden/make-goldens.sh            all cases (cases.txt and extended-cases.txt)
#   tests/golden/make-goldens.sh NAME...    only these cases
# For each case NAME<TAB>ARGS it runs, from the repo root:
#   TZ=UTC go tool pprof ARGS > tests/golden/<out>/NAME.txt 2>/dev/null
# (<out> is out/ for cases.txt, out-ext/ for extended-cases.txt) and writes the
# command as the first line of NAME.cmd. A case whose pprof exits non-zero or
# prints nothing is an error. Extended cases are skipped when
# ../shared/testdata is absent.
set -u
. "$(dirname "$0")/lib.sh"
cd "$REPO_ROOT" || exit 1
set -f

GO=${GO:-go}
GOVERSION=$($GO version) || { echo "make-goldens: '$GO version' failed" >&2; exit 1; }
case "$GOVERSION" in
    *go1.19.8*) ;;
    *) echo "make-goldens: warning: goldens were made with go1.19.8, this is: $GOVERSION" >&2 ;;
esac

# Case names must be unique across both sets.
dups=$(for s in "${CASE_SETS[@]}"; do read -r f o <<<"$s"; list_cases "$f" | cut -f1; done | sort | uniq -d)
if [ -n "$dups" ]; then echo "make-goldens: duplicate case names: $dups" >&2; exit 1; fi

want=" $* "
errors=0 made=0
for set in "${CASE_SETS[@]}"; do
    read -r file out <<<"$set"
    if [ "$file" = extended-cases.txt ] && [ ! -d "$EXT_DATA_DIR" ]; then
        echo "make-goldens: $EXT_DATA_DIR absent, skipping $file" >&2
        continue
    fi
    mkdir -p "tests/golden/$out"
    # A full run removes goldens of cases that no longer exist.
    [ $# -eq 0 ] && find "tests/golden/$out" -maxdepth 1 -type f \( -name '*.txt' -o -name '*.cmd' \) -delete
    while IFS=$'\t' read -r name args; do
        [ $# -gt 0 ] && [[ "$want" != *" $name "* ]] && continue
        # shellcheck disable=SC2086  # ARGS are split on blanks on purpose
        TZ=UTC $GO tool pprof $args > "tests/golden/$out/$name.txt" 2>/dev/null
        rc=$?
        printf 'TZ=UTC go tool pprof %s\n# %s\n' "$args" "$GOVERSION" > "tests/golden/$out/$name.cmd"
        if [ $rc -ne 0 ]; then
            echo "make-goldens: $name: pprof exited $rc" >&2; errors=$((errors + 1))
        elif [ ! -s "tests/golden/$out/$name.txt" ]; then
            echo "make-goldens: $name: empty output" >&2; errors=$((errors + 1))
        fi
        made=$((made + 1))
    done < <(list_cases "$file")
done
echo "make-goldens: $made goldens written, $errors errors"
[ $errors -eq 0 ]

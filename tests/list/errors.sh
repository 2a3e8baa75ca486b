#!/bin/bash
# pview -list: pprof's messages for no match and a bad regex, on stderr with exit status 1
# and nothing on stdout (go tool pprof -list=nomatch prints "no matches found for regexp:
# nomatch" and exits 1).
#   errors.sh PVIEW       (from the repo root)
set -u
PVIEW=$1
fail=0
expect() { # name want-stderr-regex args...
    local name=$1 want=$2; shift 2
    out=$("$PVIEW" "$@" 2>/tmp/pv-list-err.$$); rc=$?
    err=$(cat /tmp/pv-list-err.$$); rm -f /tmp/pv-list-err.$$
    if [ $rc -eq 1 ] && [ -z "$out" ] && [[ "$err" =~ $want ]]; then
        echo "ok: $name"
    else
        echo "FAIL: $name (rc=$rc) stdout='$out' stderr='$err'"; fail=1
    fi
}
P=testdata/golist/cpu.pprof
expect nomatch 'no matches found for regexp: nomatch$' -symbolize=none -list=nomatch $P
expect filtered-out 'no matches found for regexp: collatz$' -symbolize=none -focus=checksum -list=collatz $P
expect badregex 'parsing argument regexp \(' -symbolize=none '-list=(' $P
B=testdata/golist/listdemo.bin
expect nomatch-disasm 'no matches found for regexp: nomatch$' -disasm=nomatch $B $P
# pprof matches the mappings by the nodes' printable names ("0000000000401000 main.work
# /path/main.go:12"), so an anchored name finds nothing there either
expect anchored-disasm 'no matches found for regexp: main\\.work\$$' '-disasm=main\.work$' $B $P
expect badregex-disasm 'parsing argument regexp \(' '-disasm=(' $B $P
exit $fail

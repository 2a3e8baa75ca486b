#!/bin/sh
# Compares pview's frames with llvm-symbolizer's, live, on a file of this machine.
#   llvm-compare.sh PV_SYMTEST BINARY SYMFILE [NAME=SYMBOL...]
# Addresses: the start and the middle of every function symbol of SYMFILE (the binary itself,
# or its debug file, which has the local functions too), and every instruction of a small file. Both tools get the same addresses;
# pview's `-v` output must equal `llvm-symbolizer --inlining --output-style=GNU -f` (LLVM's
# default --functions=linkage, --no-demangle as pprof's -demangle=false, discriminators dropped) line by line, except where llvm prints
# `??` for a function that the debug file's .symtab names (pview names it). Each NAME=SYMBOL
# says: at the address of SYMBOL (from the dynamic or static symbol table of BINARY or SYMFILE),
# the outermost frame is NAME. Demangling is off on both sides (-R).
#   BINARY @libc is this machine's C library, @libstdc++ its C++ library; SYMFILE @self is
#   BINARY itself (its dynamic symbols when it is stripped), @debug the file of BINARY's build id under
#   /usr/lib/debug/.build-id (Debian's libc6-dbg for the C library).
set -u
symtest=$1 bin=$2 symfile=$3
shift 3
[ "$bin" = @libc ] && bin=$(readlink -f "$(gcc -print-file-name=libc.so.6)")
[ "$bin" = @libstdc++ ] && bin=$(readlink -f "$(g++ -print-file-name=libstdc++.so.6)")
[ "$symfile" = @self ] && symfile=$bin
if [ "$symfile" = @debug ]; then
    id=$(readelf -n "$bin" | sed -n 's/.*Build ID: //p')
    symfile=/usr/lib/debug/.build-id/$(echo "$id" | cut -c1-2)/$(echo "$id" | cut -c3-).debug
fi
command -v llvm-symbolizer >/dev/null || { echo "FAIL: llvm-symbolizer not installed (scripts/deps.sh --test)"; exit 1; }
[ -f "$symfile" ] || { echo "FAIL: $symfile missing (scripts/deps.sh --test installs libc6-dbg)"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
{ nm -S --defined-only "$symfile" 2>/dev/null; nm -D -S --defined-only "$symfile" 2>/dev/null; } | awk '
    function hex(s,   i, c, v) { v = 0; s = tolower(s); for (i = 1; i <= length(s); i++) { c = index("0123456789abcdef", substr(s, i, 1)) - 1; v = v * 16 + c } return v }
    NF == 4 && $3 ~ /^[tTwWiI]$/ { a = hex($1); s = hex($2); printf "0x%x\n0x%x\n", a, a + int(s / 2) }' |
    sort -u > "$tmp/addrs"
if [ "$(wc -c < "$symfile")" -lt 1000000 ]; then # small: every instruction too
    objdump -d --no-show-raw-insn "$symfile" | awk '/^ +[0-9a-f]+:/ { sub(":", "", $1); print "0x" $1 }' >> "$tmp/addrs"
    sort -u -o "$tmp/addrs" "$tmp/addrs"
fi
n=$(wc -l < "$tmp/addrs")
[ "$n" -gt 10 ] || { echo "FAIL: only $n addresses from $symfile"; exit 1; }
"$symtest" -q -R -v -a "$tmp/addrs" "$bin" > "$tmp/pv" 2>/dev/null || { echo "FAIL: pv-symtest exit status $?"; exit 1; }
llvm-symbolizer --inlining --no-demangle --output-style=GNU -f -e "$bin" < "$tmp/addrs" |
    sed -E 's/ \(discriminator [0-9]+\)$//' | grep -v '^$' > "$tmp/llvm"
paste -d'|' - - < "$tmp/pv" > "$tmp/pv2"
paste -d'|' - - < "$tmp/llvm" > "$tmp/llvm2"
status=0
if [ "$(wc -l < "$tmp/pv2")" != "$(wc -l < "$tmp/llvm2")" ]; then
    echo "FAIL: pview gives $(wc -l < "$tmp/pv2") frames, llvm-symbolizer $(wc -l < "$tmp/llvm2")"
    diff "$tmp/pv2" "$tmp/llvm2" | head -20
    exit 1
fi
# frame by frame: equal, or llvm's ?? where pview has a name and the same place
paste -d'\n' "$tmp/pv2" "$tmp/llvm2" | awk -v out="$tmp/named" '
    NR % 2 == 1 { pv = $0; next }
    {
        if (pv == $0) { same++; next }
        split(pv, p, "|"); split($0, l, "|")
        if (l[1] == "??" && p[1] != "??" && p[2] == l[2]) { named++; print pv > out; next }
        bad++; if (bad <= 20) printf "differs: pview %s, llvm-symbolizer %s\n", pv, $0
    }
    END { printf "%d frames equal, %d named by pview where llvm-symbolizer has ??, %d different\n", same, named, bad; exit bad > 0 }' ||
    status=1
for want in "$@"; do
    name=${want%%=*} sym=${want#*=}
    addr=$( (nm -D --defined-only "$bin" 2>/dev/null; nm --defined-only "$symfile" 2>/dev/null) |
        awk -v s="$sym" '$3 == s || $3 ~ ("^" s "@") { print "0x" $1; exit }')
    [ -n "$addr" ] || { echo "FAIL: no symbol $sym"; status=1; continue; }
    got=$("$symtest" -q -R "$bin" "$addr" 2>/dev/null | tail -2 | head -1)
    if [ "$got" = "$name" ]; then echo "ok: $sym ($addr) is $name"; else echo "FAIL: $sym ($addr) is $got, want $name"; status=1; fi
done
exit $status

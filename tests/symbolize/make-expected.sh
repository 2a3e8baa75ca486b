#!/bin/sh
# Regenerates tests/symbolize/expected/ from llvm-symbolizer (LLVM 14, Debian 12) run on the
# fixtures in testdata/symbolize/. This script is the record of the command behind each
# expected file: `llvm-symbolizer --inlining --output-style=GNU -f -e BIN ADDR...`, with
# llvm's " (discriminator N)" suffix removed (pprof's frames have no discriminators).
# Addresses: every instruction of the named functions (objdump -d), kept in NAME.addrs.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
td=$here/../../testdata/symbolize
ex=$here/expected
cd "$td"

addrs() { # BIN FUNC... -> instruction addresses, 0x-prefixed
    bin=$1; shift
    for f in "$@"; do
        objdump -d --no-show-raw-insn "$bin" |
            awk -v f="<$f>:" '$0 ~ f {p=1; next} p && /^$/ {exit} p {sub(":","",$1); print "0x"$1}'
    done
}
sym() { # BIN ADDRFILE -> expected frames
    llvm-symbolizer --inlining --output-style=GNU -f -e "$1" $(cat "$2") | sed -E 's/ \(discriminator [0-9]+\)$//'
}
shift_addrs() { # ADDRFILE BIAS -> runtime addresses
    while read -r a; do printf '0x%x\n' $((a + $2)); done < "$1"
}

addrs inl-exec work main > "$ex/inl-exec.addrs"
sym inl-exec "$ex/inl-exec.addrs" > "$ex/inl-exec.out"

addrs inl-pie work main > "$ex/inl-pie.addrs"
sym inl-pie "$ex/inl-pie.addrs" > "$ex/inl-pie.out"
# as mapped by a process: text at 0x555555555000, file offset 0x1000 (first PT_LOAD at 0)
shift_addrs "$ex/inl-pie.addrs" 0x555555554000 > "$ex/inl-pie.runtime.addrs"

addrs libfix.so lib_entry > "$ex/libfix.addrs"
sym libfix.so "$ex/libfix.addrs" > "$ex/libfix.out"
shift_addrs "$ex/libfix.addrs" 0x7f1234500000 > "$ex/libfix.runtime.addrs"

addrs inl-exec-nodwarf work main > "$ex/inl-exec-nodwarf.addrs"
sym inl-exec-nodwarf "$ex/inl-exec-nodwarf.addrs" > "$ex/inl-exec-nodwarf.out"

addrs cxx-exec main _ZNK2ns3BoxIiE3getEi _ZNK2ns3BoxIiEltERKS1_ > "$ex/cxx-exec.addrs"
sym cxx-exec "$ex/cxx-exec.addrs" > "$ex/cxx-exec.full.out"

o=opentelemetry-ebpf-profiler/rust-crates/symblib/testdata
printf '0x64c\n' > "$ex/otel-inline.addrs"
sym $o/inline "$ex/otel-inline.addrs" > "$ex/otel-inline.out"

printf '0x40052d\n' > "$ex/exe_linux_64.addrs"
sym pprof/internal/binutils/testdata/exe_linux_64 "$ex/exe_linux_64.addrs" > "$ex/exe_linux_64.out"
shift_addrs "$ex/exe_linux_64.addrs" 0x100000 > "$ex/exe_linux_64.runtime.addrs"

p=parca/pkg/symbolizer/testdata/2d6912fd3dd64542f6f6294f4bf9cb6c265b3085/debuginfo
printf '0x463784\n0x4636e0\n0x45f0a0\n' > "$ex/parca-go.addrs"
sym $p "$ex/parca-go.addrs" > "$ex/parca-go.out"

# several mappings in one model: the same answers, concatenated
cat "$ex/libfix.runtime.addrs" "$ex/inl-pie.runtime.addrs" "$ex/libfix.runtime.addrs" > "$ex/multi.addrs"
cat "$ex/libfix.out" "$ex/inl-pie.out" "$ex/libfix.out" > "$ex/multi.out"
cat "$ex/inl-exec.addrs" "$ex/inl-exec.addrs" > "$ex/inl-exec.twice.addrs"

# split DWARF: llvm-symbolizer 14 looks for a .dwo only at DW_AT_comp_dir/DW_AT_dwo_name, and
# the fixtures were built with comp_dir /fixture/split: a temporary symlink /fixture ->
# testdata/symbolize lets it read them (pview finds them beside the binary). It gives no inline
# frames for the DWARF 5 skeleton units of split/inl-split, whose .text is byte for byte that
# of split/inl-split4 (checked here): both expect the frames llvm gives for the DWARF 4 one.
addrs split/inl-split4 work main > "$ex/inl-split.addrs"
objcopy -O binary -j .text split/inl-split "$ex/.t5" && objcopy -O binary -j .text split/inl-split4 "$ex/.t4"
cmp "$ex/.t4" "$ex/.t5" && rm -f "$ex/.t4" "$ex/.t5"
if [ ! -e /fixture ]; then
    ln -s "$td" /fixture
    sym split/inl-split4 "$ex/inl-split.addrs" > "$ex/inl-split.out"
    rm /fixture
else
    echo "make-expected.sh: /fixture exists; inl-split.out not remade" >&2
fi

# split DWARF packages (.dwp, e2e/build-split.sh): expected frames from the twins built without
# -gsplit-dwarf, whose .text is that of the split binaries (checked by build-split.sh)
for b in splitc4 splitc5; do
    addrs e2e/split/$b main mix_block count_bits > "$ex/$b.addrs"
    sym e2e/split/nosplit/$b "$ex/$b.addrs" > "$ex/$b.out"
done

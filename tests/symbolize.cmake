# Symbolizer tests: tests/symbolize/pv-symtest builds a one-mapping model, runs pv_symbolize and
# prints frames like `eu-addr2line -i -f`; run.sh compares them with expected/ (made by
# tests/symbolize/make-expected.sh from llvm-symbolizer) and checks warnings on stderr.
set(SYM_DIR ${CMAKE_CURRENT_LIST_DIR}/symbolize)
add_executable(pv-symtest ${SYM_DIR}/pv-symtest.c)
target_link_libraries(pv-symtest PRIVATE pvsymbolize)
add_executable(pv-demangletest ${SYM_DIR}/demangle-test.c)
target_link_libraries(pv-demangletest PRIVATE pvsymbolize)

get_filename_component(SYM_TD ${CMAKE_CURRENT_LIST_DIR}/../testdata/symbolize ABSOLUTE)
set(SYM_EX ${SYM_DIR}/expected)
set(SYM_RUN sh ${SYM_DIR}/run.sh $<TARGET_FILE:pv-symtest> ${SYM_TD})
set(SYM_OTEL @/opentelemetry-ebpf-profiler/rust-crates/symblib/testdata)

# symbolize_test(NAME EXPECTED STDERR_REGEX [ENV var=value...] ARGS ...)
function(symbolize_test name expected errre)
  cmake_parse_arguments(T "" "" "ENV;ARGS" ${ARGN})
  add_test(NAME symbolize.${name} COMMAND ${SYM_RUN} ${expected} ${errre} ${T_ARGS})
  set_tests_properties(symbolize.${name} PROPERTIES
    ENVIRONMENT "PPROF_BINARY_PATH=;PVIEW_BINARY_PATH=;${T_ENV}" TIMEOUT 60)
endfunction()

# DWARF frames with inline chains, checked against llvm-symbolizer
symbolize_test(exec ${SYM_EX}/inl-exec.out none ARGS -q -v -a ${SYM_EX}/inl-exec.addrs @/inl-exec)
symbolize_test(pie-runtime ${SYM_EX}/inl-pie.out none
  ARGS -v -a ${SYM_EX}/inl-pie.runtime.addrs -m 555555555000:555555556000:1000 @/inl-pie)
symbolize_test(shared-object ${SYM_EX}/libfix.out none
  ARGS -v -a ${SYM_EX}/libfix.runtime.addrs -m 7f1234501000:7f1234502000:1000 @/libfix.so)
symbolize_test(zlib-debug ${SYM_EX}/inl-pie.out none ARGS -v -a ${SYM_EX}/inl-pie.addrs @/inl-pie-zlib)
symbolize_test(debug-by-build-id ${SYM_EX}/inl-pie.out none ENV PPROF_BINARY_PATH=${SYM_TD}/debug
  ARGS -v -a ${SYM_EX}/inl-pie.addrs @/inl-pie-stripped)
symbolize_test(debug-by-build-id-pview-path ${SYM_EX}/inl-pie.out none ENV PVIEW_BINARY_PATH=/nonexistent:${SYM_TD}/debug
  ARGS -v -a ${SYM_EX}/inl-pie.addrs @/inl-pie-stripped)
symbolize_test(debuglink ${SYM_EX}/inl-exec.out none ARGS -v -a ${SYM_EX}/inl-exec.addrs @/inl-exec-dl)
symbolize_test(symtab-only ${SYM_EX}/inl-exec-nodwarf.out none
  ARGS -v -a ${SYM_EX}/inl-exec-nodwarf.addrs @/inl-exec-nodwarf)
symbolize_test(cxx-demangle-full ${SYM_EX}/cxx-exec.full.out none ARGS -D -v -a ${SYM_EX}/cxx-exec.addrs @/cxx-exec)
symbolize_test(cxx-demangle-simple ${SYM_EX}/cxx-exec.simple.out none ARGS -x @/cxx-exec 0x401190 0x4011a0)
symbolize_test(binary-option ${SYM_EX}/inl-exec.out none ARGS -B -v -a ${SYM_EX}/inl-exec.addrs @/inl-exec)
symbolize_test(dedupe - "symbolized 72 of 74 locations, 53 lines, 6 functions"
  ARGS -a ${SYM_EX}/inl-exec.twice.addrs @/inl-exec)

# real-world fixtures
foreach(v inline inline-compressed-dwarf inline-split-dwarf inline-no-tco)
  symbolize_test(otel-${v} ${SYM_EX}/otel-inline.out none ARGS -v -a ${SYM_EX}/otel-inline.addrs ${SYM_OTEL}/${v})
endforeach()
symbolize_test(otel-zstd ${SYM_EX}/otel-zstd.out "zstd" ARGS -v -a ${SYM_EX}/otel-inline.addrs ${SYM_OTEL}/inline-compressed-dwarf-zstd)
symbolize_test(otel-decompression-bomb - "decompression bomb"
  ARGS -v -a ${SYM_EX}/otel-inline.addrs ${SYM_OTEL}/inline-big-fake-compressed-dwarf)
symbolize_test(pprof-exe-linux-64 ${SYM_EX}/exe_linux_64.out none
  ARGS -v -a ${SYM_EX}/exe_linux_64.addrs -m 400000:4006fc:0 @/pprof/internal/binutils/testdata/exe_linux_64)
symbolize_test(pprof-exe-linux-64-relocated ${SYM_EX}/exe_linux_64.out none
  ARGS -v -a ${SYM_EX}/exe_linux_64.runtime.addrs -m 500000:5006fc:0 @/pprof/internal/binutils/testdata/exe_linux_64)
# parca: has_functions set but no lines; found as <dir>/<build id>/debuginfo; .zdebug DWARF
symbolize_test(parca-go-build-id-dir ${SYM_EX}/parca-go.out none
  ENV PPROF_BINARY_PATH=${SYM_TD}/parca/pkg/symbolizer/testdata
  ARGS -F -v -a ${SYM_EX}/parca-go.addrs -p /main -i 2d6912fd3dd64542f6f6294f4bf9cb6c265b3085 -m 400000:464000:0 unused)

# failures: a warning, the mapping left alone, no crash
symbolize_test(missing-binary ${SYM_EX}/unsymbolized1.out "could not find /no/such/binary.*PPROF_BINARY_PATH"
  ARGS -i abcdef -p /no/such/binary unused 0x401180)
symbolize_test(build-id-mismatch ${SYM_EX}/unsymbolized1.out "build id mismatch.*deadbeef.*[0-9a-f]{40}"
  ARGS -B -i deadbeef @/inl-exec 0x401180)
symbolize_test(not-elf ${SYM_EX}/unsymbolized1.out "not an ELF file" ARGS @/bad-notelf 0x401180)
symbolize_test(truncated - - ARGS @/bad-truncated 0x401180 0x401050)
symbolize_test(corrupt - - ARGS @/bad-corrupt 0x401180 0x401050)
symbolize_test(malformed-class ${SYM_EX}/unsymbolized1.out "not an ELF file|corrupt"
  ARGS @/pprof/internal/binutils/testdata/malformed_elf 0x401180)
symbolize_test(no-sections - - ARGS @/parca/pkg/debuginfo/testdata/validelf_nosections 0x401180)
symbolize_test(elf32-i386 - - ARGS @/go/src/runtime/pprof/testdata/test32 0x8048000 0x8048054)
symbolize_test(elf64-big-endian - - ARGS @/go/src/runtime/pprof/testdata/test64be 0x10000000 0x10000078)
symbolize_test(skip-vdso ${SYM_EX}/unsymbolized1.out none ARGS -p [vdso] @/inl-exec 0x401180)
symbolize_test(directory ${SYM_EX}/unsymbolized1.out "not a regular file" ARGS ${SYM_TD}/src 0x401180)

add_test(NAME symbolize.demangle COMMAND pv-demangletest)
# names as go tool pprof shows them (testdata/symbolize/demangle, made by make-demangle-expected.sh)
foreach(l cxx cxx-local dwarf rust-legacy rust-v0)
  foreach(mode default full)
    add_test(NAME symbolize.demangle-${l}-${mode} COMMAND pv-demangletest
      ${SYM_TD}/demangle/${l}-names.txt ${SYM_TD}/demangle/${l}.${mode}.txt ${mode})
  endforeach()
endforeach()

# names and places equal llvm-symbolizer's, live on this machine's files: the outermost frame
# named by the binary's symbol table (global over local aliases, clones by their clone name)
set(SYM_CMP sh ${SYM_DIR}/llvm-compare.sh $<TARGET_FILE:pv-symtest>)
add_test(NAME symbolize.llvm-libc COMMAND ${SYM_CMP} @libc @debug
  random=__random qsort_r=__GI___qsort_r __libc_start_main=__libc_start_main_impl
  msort_with_tmp=msort_with_tmp.part.0)
# libstdc++ has no debug file here: names from .dynsym alone (C1/C2 constructor aliases)
add_test(NAME symbolize.llvm-libstdcxx COMMAND ${SYM_CMP} @libstdc++ @self)
foreach(f inl-exec inl-pie libfix.so cxx-exec inl-exec-nodwarf)
  add_test(NAME symbolize.llvm-${f} COMMAND ${SYM_CMP} ${SYM_TD}/${f} ${SYM_TD}/${f})
endforeach()
set_tests_properties(symbolize.llvm-libc symbolize.llvm-libstdcxx PROPERTIES TIMEOUT 120)

# modes: AUTO trusts lines that are there, FORCE replaces them, NONE does nothing
symbolize_test(parca-go-auto-has-functions ${SYM_EX}/parca-go.out none
  ENV PPROF_BINARY_PATH=${SYM_TD}/parca/pkg/symbolizer/testdata
  ARGS -H -v -a ${SYM_EX}/parca-go.addrs -p /main -i 2d6912fd3dd64542f6f6294f4bf9cb6c265b3085 -m 400000:464000:0 unused)
symbolize_test(auto-keeps-lines ${SYM_EX}/prelines.out none
  ARGS -L -v -a ${SYM_EX}/exe_linux_64.addrs @/pprof/internal/binutils/testdata/exe_linux_64)
symbolize_test(force-replaces-lines ${SYM_EX}/exe_linux_64.out none
  ARGS -L -F -v -a ${SYM_EX}/exe_linux_64.addrs @/pprof/internal/binutils/testdata/exe_linux_64)
symbolize_test(mode-none ${SYM_EX}/unsymbolized1.out none
  ARGS -N @/pprof/internal/binutils/testdata/exe_linux_64 0x40052d)

# end to end through pview: parca's partly address-only Go profile, binary found as
# <PPROF_BINARY_PATH>/<build id>/debuginfo (go tool pprof 1.19 cannot: it shows only [main])
if(TARGET pview)
  add_test(NAME symbolize.pview-top-parca
    COMMAND sh ${SYM_DIR}/run.sh $<TARGET_FILE:pview> ${SYM_TD}
      "~^ +923 99.25% 99.25% +929 99.89%  main.iterate \\(inline\\)$" -
      -top @/parca/pkg/symbolizer/testdata/profile.pb.gz)
  set_tests_properties(symbolize.pview-top-parca PROPERTIES TIMEOUT 60 ENVIRONMENT
    "PPROF_BINARY_PATH=${SYM_TD}/parca/pkg/symbolizer/testdata;PVIEW_BINARY_PATH=")
endif()

# several mappings: each binary found and translated on its own; a mapping no location uses
# (here a non-ELF file) is never opened, so it gives no warning
symbolize_test(multi-mapping ${SYM_EX}/multi.out none
  ARGS -v -a ${SYM_EX}/multi.addrs -m 555555555000:555555556000:1000
       -2 ${SYM_TD}/bad-notelf:1000:2000:0 -2 ${SYM_TD}/libfix.so:7f1234501000:7f1234502000:1000 @/inl-pie)
# an unusable file at the recorded path does not stop the search: found as <dir>/<basename>
symbolize_test(bad-recorded-path-then-search-path ${SYM_EX}/exe_linux_64.out none
  ENV PPROF_BINARY_PATH=${SYM_TD}/pprof/internal/binutils/testdata
  ARGS -v -a ${SYM_EX}/exe_linux_64.addrs -p ${SYM_TD}/notelf/exe_linux_64 unused)

# Go build ids: the mapping's build_id is the hex of the Go build ID note (parca), or the raw string
set(SYM_GO_BIN @/parca/pkg/symbolizer/testdata/2d6912fd3dd64542f6f6294f4bf9cb6c265b3085/debuginfo)
set(SYM_GO_ID 624631536e6879525a794a42506d4a6a4f4258482f36784b4268655a45425230646d47784c5f526e672f7351724856694d67424e794376525f4b674a5f692f733968736f6266664f792d6a4e38314937346c75)
symbolize_test(go-build-id-hex ${SYM_EX}/parca-go.out none ARGS -B -F -i ${SYM_GO_ID} -v -a ${SYM_EX}/parca-go.addrs ${SYM_GO_BIN})
symbolize_test(go-build-id-raw ${SYM_EX}/parca-go.out none
  ARGS -B -F -i bF1SnhyRZyJBPmJjOBXH/6xKBheZEBR0dmGxL_Rng/sQrHViMgBNyCvR_KgJ_i/s9hsobffOy-jN81I74lu
       -v -a ${SYM_EX}/parca-go.addrs ${SYM_GO_BIN})
symbolize_test(go-build-id-mismatch ${SYM_EX}/unsymbolized1.out "build id mismatch.*wants 62463153.*6c41, .* has 62463153.*6c75"
  ARGS -B -F -i 624631536e6879525a794a42506d4a6a4f4258482f36784b4268655a45425230646d47784c5f526e672f7351724856694d67424e794376525f4b674a5f692f733968736f6266664f792d6a4e38314937346c41
       ${SYM_GO_BIN} 0x463784)

# dwz: the supplementary file found by its build id (<dir>/.build-id/xx/rest.debug, symlinks in
# testdata/symbolize/dwz-by-id/), not beside the binary; without it, a warning
symbolize_test(dwz-alt-by-build-id ${SYM_EX}/otel-inline.out none ENV PPROF_BINARY_PATH=${SYM_TD}/dwz-by-id/debug
  ARGS -v -a ${SYM_EX}/otel-inline.addrs @/dwz-by-id/inline-split-dwarf)
symbolize_test(dwz-alt-missing - "dwz supplementary file meow .*not found"
  ARGS -v -a ${SYM_EX}/otel-inline.addrs @/dwz-by-id/inline-split-dwarf)

# more of pprof's search layouts: <dir>/<full path>, and a debug-only file as the binary itself
# (<dir>/<id[:2]>/<id[2:]>.debug: its program headers still give the address translation)
symbolize_test(search-dir-full-path ${SYM_EX}/inl-exec.out none ENV PPROF_BINARY_PATH=${SYM_TD}/fullpath
  ARGS -v -a ${SYM_EX}/inl-exec.addrs -p /opt/app/inl-exec unused)
symbolize_test(debug-file-only-by-build-id ${SYM_EX}/inl-pie.out none ENV PPROF_BINARY_PATH=${SYM_TD}/debug/.build-id
  ARGS -v -a ${SYM_EX}/inl-pie.runtime.addrs -m 555555555000:555555556000:1000
       -i ca06442eedc0457bdafa942cf3e1db51913f21ba -p /gone/inl-pie unused)
# pseudo mappings pprof does not symbolize: left alone without a warning
foreach(p "[vdso]" "linux-vdso.so.1" "//anon" "/memfd:jit (deleted)" "[kernel.kallsyms]_text" "[heap]")
  string(MAKE_C_IDENTIFIER "${p}" pid)
  symbolize_test(skip-${pid} ${SYM_EX}/unsymbolized1.out none ARGS -p ${p} unused 0x401180)
endforeach()

# split DWARF: .dwo files beside the binary (DWARF 5 skeleton units and DWARF 4 GNU ones),
# through libdw's split units; without the .dwo, lines from the skeleton and a warning
symbolize_test(split-dwarf5 ${SYM_EX}/inl-split.out none ARGS -v -a ${SYM_EX}/inl-split.addrs @/split/inl-split)
symbolize_test(split-dwarf4 ${SYM_EX}/inl-split.out none ARGS -v -a ${SYM_EX}/inl-split.addrs @/split/inl-split4)
symbolize_test(split-dwo-missing "~^/fixture/split/../src/inl.c:26$" "split DWARF: 1 .dwo file not found \\(first: inl-split-inl.dwo\\)"
  ARGS -v -a ${SYM_EX}/inl-split.addrs @/split-nodwo/inl-split)
# split DWARF packages (testdata/symbolize/e2e/build-split.sh): <binary>.dwp beside the binary,
# made by binutils' dwp and by llvm-dwp (gcc DWARF 4), by llvm-dwp (clang DWARF 5); the same
# frames as with the .dwo files and as llvm-symbolizer on the binaries built without
# -gsplit-dwarf. A malformed package: one warning naming it, frames as without it.
set(SYM_SPLIT @/e2e/split)
foreach(b splitc4 splitc5)
  symbolize_test(dwp-${b} ${SYM_EX}/${b}.out none ARGS -v -a ${SYM_EX}/${b}.addrs ${SYM_SPLIT}/${b})
  symbolize_test(dwo-${b} ${SYM_EX}/${b}.out none ARGS -v -a ${SYM_EX}/${b}.addrs ${SYM_SPLIT}/dwo/${b})
endforeach()
symbolize_test(dwp-llvm-dwp-splitc4 ${SYM_EX}/splitc4.out none ARGS -v -a ${SYM_EX}/splitc4.addrs ${SYM_SPLIT}/llvm-dwp/splitc4)
# the skeleton units in a debug file (.gnu_debuglink), the package beside it as <debug file>.dwp
symbolize_test(dwp-beside-debug-file ${SYM_EX}/splitc5.out none ARGS -v -a ${SYM_EX}/splitc5.addrs ${SYM_SPLIT}/debuglink/splitc5)
# absolute DW_AT_dwo_name (objects compiled with absolute -o paths that no longer exist, which
# is the one place libdw 0.188 looks): the units come from the package all the same
foreach(b splitc4 splitc5)
  symbolize_test(dwp-absolute-dwo-name-${b} ${SYM_EX}/${b}.out none ARGS -v -a ${SYM_EX}/${b}.addrs ${SYM_SPLIT}/abs/${b})
endforeach()
# the same with the names as inline strings (gcc -fno-merge-debug-strings: DW_FORM_string)
symbolize_test(dwp-absolute-dwo-name-inline-splitc4 ${SYM_EX}/splitc4.out none ARGS -v -a ${SYM_EX}/splitc4.addrs ${SYM_SPLIT}/abs-inline/splitc4)
# compressed packages (objcopy: zlib as SHF_COMPRESSED, zlib-gnu as .zdebug_*) and compressed
# .dwo files; zstd, which libelf 0.188 cannot inflate: one warning naming the package, and
# the skeleton's lines as without it
symbolize_test(dwp-zlib-splitc5 ${SYM_EX}/splitc5.out none ARGS -v -a ${SYM_EX}/splitc5.addrs ${SYM_SPLIT}/zlib/splitc5)
symbolize_test(dwp-zlib-gnu-splitc4 ${SYM_EX}/splitc4.out none ARGS -v -a ${SYM_EX}/splitc4.addrs ${SYM_SPLIT}/zlib-gnu/splitc4)
symbolize_test(dwo-zlib-splitc4 ${SYM_EX}/splitc4.out none ARGS -v -a ${SYM_EX}/splitc4.addrs ${SYM_SPLIT}/dwo-zlib/splitc4)
symbolize_test(dwp-zstd "~^/e2e/split/../src/splitwork.c:40$"
  "zstd/splitc5.dwp: cannot read the split DWARF package: .debug_cu_index is compressed with zstd, which this libelf cannot read"
  ARGS -v -a ${SYM_EX}/splitc5.addrs ${SYM_SPLIT}/zstd/splitc5)
foreach(bad "index:impossible size" "strings:string offset lies outside .debug_str.dwo" "truncated:no .debug_cu_index")
  string(REPLACE ":" ";" badl "${bad}")
  list(GET badl 0 kind)
  list(GET badl 1 why)
  symbolize_test(dwp-bad-${kind} "~^/e2e/split/../src/splitwork.c:40$"
    "bad-${kind}/splitc5.dwp: malformed split DWARF package: .*${why}"
    ARGS -v -a ${SYM_EX}/splitc5.addrs ${SYM_SPLIT}/bad-${kind}/splitc5)
endforeach()

# debuginfod: a real server on a loopback port (tests/symbolize/debuginfod.sh starts and stops it)
add_test(NAME symbolize.debuginfod COMMAND sh ${SYM_DIR}/debuginfod.sh $<TARGET_FILE:pv-symtest> ${SYM_TD} ${SYM_EX})
set_tests_properties(symbolize.debuginfod PROPERTIES TIMEOUT 120)

# robustness: deterministic mutations of real fixtures (pv-symfuzz.c); run the suite under
# -DPVIEW_SANITIZE=ON for this to catch memory errors, not only crashes
add_executable(pv-symfuzz ${SYM_DIR}/pv-symfuzz.c)
target_link_libraries(pv-symfuzz PRIVATE pvsymbolize)
foreach(fz "inl-exec:0x401180:0x401190" "inl-pie-zlib:0x1190:0x11a0"
           "opentelemetry-ebpf-profiler/rust-crates/symblib/testdata/inline:0x64c:0x600"
           "parca/pkg/symbolizer/testdata/2d6912fd3dd64542f6f6294f4bf9cb6c265b3085/debuginfo:0x463784:0x45f0a0")
  string(REPLACE ":" ";" fzl "${fz}")
  list(POP_FRONT fzl fzfile)
  get_filename_component(fzname ${fzfile} NAME)
  add_test(NAME symbolize.fuzz-${fzname} COMMAND pv-symfuzz ${SYM_TD}/${fzfile} 60 42 ${fzl})
  set_tests_properties(symbolize.fuzz-${fzname} PROPERTIES TIMEOUT 300)
endforeach()
# split DWARF packages: the package mutated beside its binary (-P), and a binary whose skeleton
# units name their .dwo files by absolute paths mutated beside its package (-B)
foreach(fz "P:splitc5:0x1170:0x1250:0x131c:0x13ea" "P:splitc4:0x1080:0x1135:0x12d5:0x133c" "P:zlib/splitc5:0x1170:0x1250:0x131c:0x13ea"
           "P:zlib-gnu/splitc4:0x1080:0x1135:0x12d5:0x133c" "B:abs/splitc5:0x1170:0x1250:0x131c:0x13ea" "B:abs/splitc4:0x1080:0x1135:0x12d5:0x133c"
           "B:abs-inline/splitc4:0x1080:0x1135:0x12d5:0x133c")
  string(REPLACE ":" ";" fzl "${fz}")
  list(POP_FRONT fzl fzmode fzfile)
  string(REPLACE "/" "-" fzname "${fzfile}")
  add_test(NAME symbolize.fuzz-dwp-${fzmode}-${fzname} COMMAND pv-symfuzz -${fzmode} ${SYM_TD}/e2e/split/${fzfile} 60 42 ${fzl})
  set_tests_properties(symbolize.fuzz-dwp-${fzmode}-${fzname} PROPERTIES TIMEOUT 300)
endforeach()

/* Private interfaces between the files of symbolize/. Not for use outside this directory. */
#ifndef PVIEW_SYMBOLIZE_INTERNAL_H
#define PVIEW_SYMBOLIZE_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <libelf.h>

#include "symbolize/symbolize.h"

/* ---- demangle.c ---- */

typedef struct sym_demangler sym_demangler;

/* Loads __cxa_demangle from libstdc++ with dlopen if it is there; never fails (without it,
 * C++ names stay mangled). Caller frees with sym_demangler_free(). */
sym_demangler *sym_demangler_new(void);
void sym_demangler_free(sym_demangler *d);

/* The display name for the raw symbol name raw: demangled C++ (simplified the way pprof shows
 * names unless full), legacy Rust without its ::h<hash> suffix, otherwise raw itself.
 * Returns a malloc'ed string (caller frees) or NULL on allocation failure. */
char *sym_demangle(sym_demangler *d, const char *raw, bool full);

/* Exposed for tests: pprof's simplification of a demangled C++ name
 * ("ns::C<int>::f(int) const" -> "ns::C::f"). Returns a malloc'ed string or NULL. */
char *sym_simplify_cxx(const char *demangled);

/* ---- symtab.c: an ELF symbol table as llvm-symbolizer reads it ---- */

typedef struct sym_symtab sym_symtab;

/* Reads .symtab of elf, or .dynsym when there is none (unless symtab_only). NULL when there
 * are no usable symbols, or on allocation failure (then *oom is set). The names point into
 * elf's data: free the table before elf_end(). */
sym_symtab *sym_symtab_load(Elf *elf, bool symtab_only, bool *oom);
void sym_symtab_free(sym_symtab *t);

/* The name llvm-symbolizer gives address addr (an ELF virtual address), or NULL. For a local
 * symbol *file (if file is not NULL) is the STT_FILE name before it in the table, else NULL.
 * t may be NULL. */
const char *sym_symtab_lookup(const sym_symtab *t, uint64_t addr, const char **file);

/* ---- rustv0.c ---- */

/* Demangles a Rust v0 name ("_R...") as pprof prints it. NULL when raw is not a valid v0 name
 * (or on allocation failure: then *oom is set). Caller frees. */
char *sym_rust_v0_demangle(const char *raw, bool *oom);

/* ---- debugfile.c ---- */

/* With $DEBUGINFOD_URLS set (and libdebuginfod installed), fetches the debug file (or, with
 * executable, the executable) of GNU build id hex_id into libdebuginfod's cache and returns
 * its path (malloc'ed, caller frees). NULL when not fetched: why says why, or is empty when
 * nothing was tried (no $DEBUGINFOD_URLS, no build id). Bounded by $DEBUGINFOD_TIMEOUT.
 * hooks (may be NULL) get the download's progress and may cancel it. */
char *sym_debuginfod_fetch(const char *hex_id, bool executable, const pv_symbolize_hooks *hooks, char *why,
                           size_t whylen);

/* ---- elf.c: one binary (plus its separate debug file), address -> frames ---- */

typedef struct sym_binary sym_binary;

typedef struct {
    const char *name; /* raw (linkage) name; may be NULL when unknown */
    const char *file; /* may be NULL */
    const char *comp_dir; /* a directory to put before file (llvm-symbolizer's paths), or NULL */
    int64_t line;
    int64_t start_line; /* DW_AT_decl_line of the function, 0 when unknown */
} sym_frame;

/* Opens path as an ELF file. Returns NULL and writes a one-line reason to why (size whylen)
 * when it is missing (why[0] stays 0) or unusable (why says why). Caller closes. */
sym_binary *sym_binary_open(const char *path, char *why, size_t whylen);
void sym_binary_close(sym_binary *b);

/* Build ids of the file: GNU note as lowercase hex, Go note hex-encoded and raw ("" if absent). */
const char *sym_binary_gnu_id(const sym_binary *b);
const char *sym_binary_go_id_hex(const sym_binary *b);
const char *sym_binary_go_id(const sym_binary *b);
const char *sym_binary_path(const sym_binary *b);

/* Computes the bias that turns a runtime address into an ELF virtual address (vaddr =
 * addr - bias) for a mapping [start, limit) at file offset offset. */
uint64_t sym_binary_bias(const sym_binary *b, uint64_t start, uint64_t limit, uint64_t offset);

/* Looks for separate debug information (build id, .gnu_debuglink, dwz alt file) in dirs
 * (NULL-terminated list of search directories) and prepares DWARF and symbol tables. Warnings
 * go to warn. Idempotent. */
void sym_binary_prepare(sym_binary *b, const char *const *dirs, pv_warn_fn warn, void *ctx,
                        const pv_symbolize_hooks *hooks);

/* Fills frames (innermost first, at most max) for ELF virtual address vaddr. Returns the
 * number of frames (0 when nothing is known), or -1 on allocation failure. The strings are
 * valid until sym_binary_close(). */
int sym_binary_lookup(sym_binary *b, uint64_t vaddr, sym_frame *frames, int max);

#endif

/* Symbolization of address-only locations from ELF/DWARF, in process (libelf + libdw).
 * No curses, no printing, no exit(): problems are reported through the warn callback. */
#ifndef PVIEW_SYMBOLIZE_H
#define PVIEW_SYMBOLIZE_H

#include "profile/model.h"

typedef enum {
    PV_SYM_AUTO = 0, /* mappings whose locations lack function information */
    PV_SYM_NONE,     /* -symbolize=none */
    PV_SYM_FORCE,    /* -symbolize=force: every mapping */
} pv_sym_mode;

typedef struct {
    pv_sym_mode mode;
    const char *binary; /* the [binary] command-line argument (replaces mapping 0's file), or NULL */
    bool demangle_full; /* -symbolize=demangle=full keeps parameters and template arguments */
    bool no_local;      /* -symbolize=remote: no local symbolization (callers check it) */
    bool no_remote;     /* -symbolize=local or fastlocal: no remote symbolization (callers check it) */
} pv_symbolize_opts;

/* Called once per warning; msg is one line without a trailing newline, valid only during the call. */
typedef void (*pv_warn_fn)(void *ctx, const char *msg);

/* Adds functions and lines to the locations of m that need them (see pv_sym_mode), growing
 * m->functions, m->lines and the string table. Locations it cannot symbolize are left as they
 * were. Returns the number of locations symbolized, or -1 on allocation failure.
 *
 * Which: AUTO takes every location that samples reference, has no lines and belongs to a
 * mapping with a real file (not [vdso], [heap], linux-vdso*, //anon, /memfd:, [kernel...], "");
 * the has_* flags are not trusted (parca sets has_functions on address-only locations). FORCE
 * replaces the lines of every referenced location of such mappings. Each distinct address of a
 * mapping is looked up once; mappings no sample uses are never opened.
 * Where the binary is looked for, first usable file with a matching build id wins (GNU note hex,
 * or the Go build id raw or hex-encoded; a file under a directory named by the id is trusted):
 * o->binary (mapping 0 only), the recorded path, then for each directory of $PPROF_BINARY_PATH
 * and then $PVIEW_BINARY_PATH (colon-separated): <dir>/<id>/<basename>, <dir>/<id>/debuginfo,
 * <dir>/<basename>, <dir>/<path>, <dir>/<id[:2]>/<id[2:]>.debug; last
 * /usr/lib/debug/.build-id/<id[:2]>/<id[2:]>.debug. Without DWARF in it, debug information is
 * looked for by build id in the same directories (also under .build-id/) and through
 * .gnu_debuglink (beside it, in .debug/ beside it, under /usr/lib/debug); dwz files through
 * .gnu_debugaltlink; split DWARF .dwo files through libdw (beside the binary, or under
 * DW_AT_comp_dir), or else from a package <binary>.dwp or <debug file>.dwp. With $DEBUGINFOD_URLS set, a binary or debug file still missing is fetched
 * by GNU build id through libdebuginfod (loaded at run time; cached where it caches, bounded
 * by $DEBUGINFOD_TIMEOUT); nothing is fetched without it.
 * Names, as llvm-symbolizer gives them: the outermost frame of an address is named by the
 * binary's symbol table (.symtab, else .dynsym; at one address the largest symbol, then the
 * last in the table, so globals win over local aliases), inlined frames by DWARF (linkage
 * name, else name); then demangled and simplified as pprof does.
 * Warnings: one per unusable file or build-id mismatch as found, one per failed download,
 * one per binary not found at the end.
 * Memory: m->functions and m->lines must be malloc'ed (they are realloc'ed); new lines are
 * appended, and locations with the same address share one range of lines. */
long pv_symbolize(pv_model *m, const pv_symbolize_opts *o, pv_warn_fn warn, void *ctx);

/* Optional callbacks of pv_symbolize_ex. */
typedef struct {
    /* Called from time to time while a debuginfod download runs (inside pv_symbolize_ex, on its
     * thread): what names the file (one line, valid only during the call), done and total are
     * bytes (total 0 while unknown). Return true to cancel that download (it then fails with
     * a warning, as any failed download). May be NULL. */
    bool (*progress)(void *ctx, const char *what, long done, long total);
    void *ctx;
} pv_symbolize_hooks;

/* pv_symbolize with hooks (NULL: none). */
long pv_symbolize_ex(pv_model *m, const pv_symbolize_opts *o, pv_warn_fn warn, void *ctx,
                     const pv_symbolize_hooks *hooks);

/* One line of a remote symbolizer's answer (pprof's symbolz): an address and its name
 * name[0..name_len) (not NUL-terminated). */
typedef struct {
    uint64_t address;
    const char *name;
    size_t name_len;
} pv_sym_name;

/* pprof's symbolz step for mapping mi of m: every location of that mapping whose address is
 * one of names[0..n) (for an address given twice, the later entry) gets the one frame of that
 * name in place of its lines: a function per distinct name (system name as given, name
 * demangled and simplified as pprof does, demangle_full keeping parameters; no file), line 0.
 * The mapping is marked has_functions, also when n is 0 (as pprof marks it). Returns the number
 * of locations named, or -1 when memory ran out (the model stays usable: names may be
 * partly applied). m->functions and m->lines must be malloc'ed (they are realloc'ed). */
long pv_symbolize_names(pv_model *m, uint32_t mi, const pv_sym_name *names, size_t n, bool demangle_full);

#endif

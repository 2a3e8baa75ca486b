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
} pv_symbolize_opts;

/* Called once per warning; msg is one line without a trailing newline, valid only during the call. */
typedef void (*pv_warn_fn)(void *ctx, const char *msg);

/* Adds functions and lines to the locations of m that need them (see pv_sym_mode), growing
 * m->functions, m->lines and the string table. Locations it cannot symbolize are left as they
 * were. Returns the number of locations symbolized, or -1 on allocation failure. */
long pv_symbolize(pv_model *m, const pv_symbolize_opts *o, pv_warn_fn warn, void *ctx);

#endif

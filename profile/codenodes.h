/* The nodes of pprof's source and assembly reports (list, disasm): pprof's NodeInfo at
 * granularity lines or addresses with object names (function name, file trimmed with
 * trim_path/source_path and cleaned, line, start line, object file, and the address for
 * disasm), one per surviving line of each location (only the outermost with noinlines),
 * with flat and cum counted once per sample as pprof's newGraph does. */
#ifndef PVIEW_PROFILE_CODENODES_H
#define PVIEW_PROFILE_CODENODES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "profile/filter.h"
#include "profile/selection.h"

typedef struct {
    pv_strid name, objfile; /* model strings; objfile is the location's mapping file */
    uint32_t file;          /* index into files; 0 = "" */
    uint64_t address;       /* 0 unless built with addresses */
    int64_t lineno, start_line;
    int64_t flat, cum, flatdiv, cumdiv; /* raw sums and -mean divisor sums */
} pv_code_node;

typedef struct pv_code_nodes {
    pv_code_node *nodes; /* in order of creation (location order) */
    size_t nnodes;
    char **files; /* files[0] = "" */
    size_t nfiles;
    void *priv;
} pv_code_nodes;

/* Builds the nodes of selection s. rx: only lines of functions whose name matches (a
 * location without lines counts as the name ""); NULL: every line. addresses: key nodes by
 * address too (disasm). noinlines is taken from s->o. NULL on allocation failure. */
pv_code_nodes *pv_code_nodes_build(const pv_selection *s, const pv_regex *rx, bool addresses);
void pv_code_nodes_free(pv_code_nodes *c);

/* pprof's selectNodesForGraph: the node has a non-zero flat or cum and, with drop_negative,
 * is not negative. */
bool pv_code_node_kept(const pv_code_nodes *c, size_t i, bool drop_negative);

#endif

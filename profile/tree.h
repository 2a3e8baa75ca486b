/* The tree and peek reports (pprof's printTree): for each node of the call graph, its
 * callers, itself and its callees with their weights. Peek is the tree untrimmed, limited
 * to nodes whose printable name matches a regex.
 *
 * Rows name nodes: shown[i] indexes tree->cg->nodes, whose in/out lists index
 * tree->cg->edges (each edge names both ends). */
#ifndef PVIEW_PROFILE_TREE_H
#define PVIEW_PROFILE_TREE_H

#include <stdio.h>

#include "profile/callgraph.h"

typedef struct pv_tree {
    pv_callgraph *cg; /* owned */
    uint32_t *shown;  /* nodes printed, in order (all for -tree, the matching ones for peek) */
    size_t nshown;
    char *regex;      /* peek's regex as given, or NULL */
} pv_tree;

/* Builds the tree report (regex NULL) or the peek report for regex. A peek regex that
 * matches no node is not an error here (nshown == 0): pv_print_tree says so. Returns NULL
 * with a one-line message in err on bad settings or a bad regex. */
pv_tree *pv_tree_build(const pv_model *m, const pv_options *o, const char *regex, char *err, size_t errlen);
void pv_tree_free(pv_tree *t);

/* Prints the report as `go tool pprof -tree` / `-peek` does. Returns 0, or -1 with
 * pprof's message in err when a peek regex matched nothing (pprof prints nothing then). */
int pv_print_tree(FILE *out, const pv_tree *t, char *err, size_t errlen);

#endif

/* The call graph of a report: pprof's newTrimmedGraph over a selection and its graph, as
 * the tree (-tree, -peek), dot (-dot, -svg, ...) and callgrind reports use it.
 *
 * pv_callgraph_build() applies pprof's command overrides for the kind (nodecount 80 by
 * default; no trimming for peek and callgrind; addresses for callgrind), builds the
 * selection and the graph, then trims as pprof does: nodes under nodefraction, the top
 * nodecount nodes (entropy order for dot, with label nodelets counted), edges under
 * edgefraction, and for dot the redundant residual edges. With call_tree (dot and
 * callgrind only, as in pprof) nodes are made per call path.
 *
 * Nodes are in pprof's order; each names its graph node (cg->graph, pv_graph_node_name),
 * so rows carry node ids, not only strings. No printing to a terminal here: the print
 * functions write a report to a FILE the caller opened. */
#ifndef PVIEW_PROFILE_CALLGRAPH_H
#define PVIEW_PROFILE_CALLGRAPH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "profile/filter.h"
#include "profile/graph.h"
#include "profile/model.h"
#include "profile/options.h"
#include "profile/selection.h"

typedef enum {
    PV_CG_TREE,      /* -tree */
    PV_CG_PEEK,      /* -peek=RE: the tree untrimmed, only matching nodes printed */
    PV_CG_DOT,       /* -dot and the Graphviz formats */
    PV_CG_CALLGRIND, /* -callgrind */
} pv_cg_kind;

/* A tag of a node (dot's nodelets): a sample's string labels joined ("k:v\nk:v"), or a
 * numeric "bytes" label's formatted value under the string labels `labels`. */
typedef struct {
    char *name;
    const char *unit;   /* numeric: the label's unit; NULL for string labels */
    int64_t value;      /* numeric: the first value seen with this name */
    uint32_t labels;    /* numeric: index into cg->label_sets of the sample's string labels */
    int64_t flat, flatdiv, cum, cumdiv;
} pv_cg_tag;

typedef struct {
    uint32_t src, dst;           /* indices into cg->nodes; PV_NONE: a node outside the report */
    uint32_t src_info, dst_info; /* their graph node ids (names) */
    int64_t weight, weightdiv;
    bool residual; /* goes over nodes that were trimmed */
    bool inl;      /* an inlined call */
} pv_cg_edge;

typedef struct {
    uint32_t info;     /* graph node id: pv_graph_node_name(cg->graph, info), g->info[info] */
    uint32_t function; /* nodes of one function (in one call path with call_tree) share it */
    int64_t flat, flatdiv, cum, cumdiv;
    uint32_t *in, *out; /* indices into cg->edges, in pprof's edge order (heaviest first) */
    size_t nin, nout;
    pv_cg_tag *tags; /* dot only: string-label tags (unit NULL), then numeric ones */
    size_t ntags;
} pv_cg_node;

typedef struct pv_callgraph {
    pv_cg_kind kind;
    pv_options o; /* the settings after pprof's overrides for the kind */
    pv_cg_node *nodes;
    size_t nnodes;
    pv_cg_edge *edges;
    size_t nedges;
    char **label_sets; /* joined string labels of samples; [0] = "" */
    size_t nlabel_sets;
    int64_t total;     /* pprof's total */
    char *output_unit; /* the unit values are printed in */
    char *title;       /* dot's graph name: base name of the main mapping, or NULL */
    char **labels;     /* header lines (pprof's reportLabels); dot's are full */
    size_t nlabels;
    size_t orig_count, dropped_nodes, dropped_edges;
    pv_strid *node_objfile; /* callgrind: per graph node, the mapping file of its location */
    pv_selection *sel; /* owned unless borrowed */
    pv_graph *graph;   /* owned unless borrowed */
    bool borrowed;
} pv_callgraph;

/* Builds the call graph for a report kind. Returns NULL with a one-line message in err on
 * bad settings. Free with pv_callgraph_free(). */
pv_callgraph *pv_callgraph_build(const pv_model *m, const pv_options *o, pv_cg_kind kind, char *err, size_t errlen);
/* The same, for a report that shows only the nodes whose printable name matches only (peek):
 * edges between two nodes that do not match are left out of the in/out lists. only NULL is
 * pv_callgraph_build(). */
pv_callgraph *pv_callgraph_build_only(const pv_model *m, const pv_options *o, pv_cg_kind kind, const pv_regex *only,
                                      char *err, size_t errlen);
/* Peek at one node (a graph node id of g) over a selection and graph built elsewhere (a
 * top report's), which must outlive the result and are not freed with it; only the edges
 * into and out of that node are kept. */
pv_callgraph *pv_callgraph_build_node(pv_selection *s, pv_graph *g, uint32_t node, char *err, size_t errlen);
void pv_callgraph_free(pv_callgraph *cg);

/* Value formatting as pprof's rpt.formatValue (output unit, divide_by). */
void pv_callgraph_format(const pv_callgraph *cg, int64_t v, char *out, size_t len);
/* Printable name of node i / of a graph node id. */
const char *pv_callgraph_name(const pv_callgraph *cg, uint32_t i);
const char *pv_callgraph_info_name(const pv_callgraph *cg, uint32_t info);
int64_t pv_cg_flat(const pv_cg_node *n);
int64_t pv_cg_cum(const pv_cg_node *n);
int64_t pv_cg_weight(const pv_cg_edge *e); /* WeightValue: weight / weightdiv */

/* Prints the dot graph as pprof's ComposeDot. */
void pv_print_dot(FILE *out, const pv_callgraph *cg);
/* Prints pprof's callgrind report. */
void pv_print_callgrind(FILE *out, const pv_callgraph *cg);

#endif

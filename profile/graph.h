/* The graph over a selection: nodes keyed by granularity (pprof's NodeInfo after
 * Aggregate), flat and cum per node counted once per sample, edges between nodes with
 * their weights and inline flags. Reports (top, peek, tree, dot, ...) are built from it.
 *
 * Fields are read-only for the products; only graph.c writes them. Node ids are dense
 * (0 .. nnodes-1) and stable for the life of the graph. */
#ifndef PVIEW_PROFILE_GRAPH_H
#define PVIEW_PROFILE_GRAPH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "profile/selection.h"
#include "profile/util.h"

/* pprof's NodeInfo for one node: what identifies it at this granularity. */
typedef struct {
    pv_strid name;    /* function name (model string id), 0 if cleared by granularity */
    uint32_t file;    /* index into graph->files (cleaned file names), 0 = "" */
    pv_strid objfile; /* mapping file, set only when the node has no function name */
    uint64_t address; /* 0 unless granularity is addresses */
    int64_t lineno, start_line;
    uint32_t function; /* a model function of this node (PV_NONE for a bare address) */
} pv_node_info;

typedef struct {
    uint32_t src, dst; /* caller, callee */
    int64_t weight;
    uint32_t stamp;
    bool inl;  /* every use of the edge is an inlined call */
    bool used; /* internal: the slot holds an edge */
} pv_edge;

typedef struct pv_graph {
    const pv_selection *s; /* not owned */
    const pv_model *m;
    pv_granularity gran;
    bool noinlines;

    pv_node_info *info;
    size_t nnodes, capnodes;
    pv_index index; /* internal: info -> node */

    char **files; /* cleaned file names; files[0] = "" */
    size_t nfiles;
    uint32_t *fn_file; /* per model function: index into files */

    /* per location li: its nodes, one per surviving line (innermost first), are
     * ln[ln_off[li] .. ln_off[li+1]); none for a hidden location */
    uint32_t *ln_off, *ln;
    uint32_t *lone;       /* per location: its node when it has exactly one, else PV_NONE */
    uint8_t *inl_capable; /* per node: some location holds it as an inlined frame */
    char **names;         /* printable names, made lazily by pv_graph_node_name() */

    /* sums over the selection (before -mean's division; see pv_graph_flat/cum) */
    int64_t *flat, *flatdiv, *cum, *cumdiv;
    bool negative; /* some selected sample's weight is below zero */
    uint32_t *stamp;
    uint8_t *kept; /* NULL: every node kept (for edges between kept nodes) */

    /* edges, an open-addressing table on (src, dst): iterate the slots with .used set */
    pv_edge *edges;
    size_t nedges, neslots;
    uint32_t *ln_edge; /* per ln entry: the slot of the last edge into it (pv_graph_node_edges) */
} pv_graph;

/* Creates the nodes of the selection at granularity gran (noinlines: only the outermost
 * line of each location) and accumulates flat and cum. No edges: see pv_graph_kept_edges().
 * NULL with a message on failure. */
pv_graph *pv_graph_build(const pv_selection *s, pv_granularity gran, bool noinlines, char *err, size_t errlen);
void pv_graph_free(pv_graph *g);

/* Records the edges between kept nodes (g->kept, NULL: all), as pprof's newGraph does
 * after trimming: walking each sample from the root, an edge from the previous kept node
 * to each kept node, counted once per sample. Only edges into nodes with want[dst] set (want
 * NULL: every edge) and from nodes with from[src] set (from NULL: any) are recorded; the
 * others still decide which kept node comes before which. Replaces the previous edges. 0,
 * or -1 on allocation failure. */
int pv_graph_kept_edges(pv_graph *g, const uint8_t *want, const uint8_t *from);

/* pprof's printable name of a node for the granularity ("main.f", "file.go:12",
 * "0000000000401000 main.f file.go:12", "[libc.so.6]"). Valid until pv_graph_free(). */
const char *pv_graph_node_name(pv_graph *g, uint32_t n);

/* Flat and cum as pprof prints them (after -mean's division). */
int64_t pv_graph_flat(const pv_graph *g, uint32_t n);
int64_t pv_graph_cum(const pv_graph *g, uint32_t n);

/* Sorts node ids as pprof's FlatNameOrder (cum false) or CumNameOrder (cum true). */
void pv_graph_sort(pv_graph *g, uint32_t *nodes, size_t n, bool cum);

/* Callers or callees of one node with edge weights, every node kept, heaviest first then
 * by name. The arrays are the caller's (free each name, then the array). 0 or -1. */
typedef struct {
    char *name;
    int64_t weight;
    uint32_t node;
    bool inline_edge;
} pv_edge_row;
int pv_graph_node_edges(pv_graph *g, uint32_t node, bool callers, pv_edge_row **out, size_t *n);

#endif

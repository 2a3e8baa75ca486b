/* Internal to callgraph.c and cgtrim.c: the builder of a pv_callgraph. */
#ifndef PVIEW_PROFILE_CALLGRAPH_INT_H
#define PVIEW_PROFILE_CALLGRAPH_INT_H

#include "profile/callgraph.h"

typedef struct {
    uint32_t src, dst; /* candidate nodes */
    int64_t w, wd;
    uint32_t stamp;
    bool residual, inl, dead;
} cg_edge;

typedef struct {
    cg_edge *e;
    size_t n, cap;
    uint32_t *slots;
    size_t nslots;
    uint32_t *last; /* per node: the edge last added into it (a cache), or NULL */
} cg_etab;

typedef struct {
    uint32_t *v;
    uint32_t n, cap;
} cg_vec;

typedef struct {
    pv_cg_tag *t;
    size_t n, cap;
} cg_tags;

typedef struct {
    pv_callgraph *cg;
    const pv_model *m;
    const pv_selection *s;
    pv_graph *g;
    const pv_options *o;
    bool visual, call_tree, want_tags;

    /* candidate nodes: the graph's, or one per call path */
    size_t n, cap;
    uint32_t *info, *tparent;
    int64_t *flat, *flatdiv, *cum, *cumdiv;
    cg_vec *in, *out; /* edge indices */
    cg_tags *tags;
    uint32_t *tslots; /* call paths: (parent, info) -> node */
    size_t ntslots;

    uint8_t *kept;     /* nodes the edges are made between (NULL: all) */
    uint8_t *only;     /* per graph node: edges are recorded only if they touch one (NULL: all) */
    uint32_t *list;    /* the graph's nodes, in order */
    size_t nlist;
    cg_etab et;
    bool edges_valid;

    /* string label sets: per selected sample an index into ls */
    char **ls;
    size_t nls, capls;
    uint32_t *lslots;
    size_t nlslots;
    uint32_t *sample_ls;
    pv_strid bytes_key;
} cgb;

int cg_reserve(cgb *b, size_t n);
int cg_adjacency(cgb *b);
void cg_tags_clear(cg_tags *t);
int cg_trim(cgb *b);
int cg_export(cgb *b);
void cg_builder_free(cgb *b);
/* the edge pass over the samples (callgraph.c) */
int cg_edges_pass(cgb *b, bool with_tags);

#endif

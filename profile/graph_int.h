/* Internal to the graph (graph.c, graph_edges.c): not for the products. */
#ifndef PVIEW_PROFILE_GRAPH_INT_H
#define PVIEW_PROFILE_GRAPH_INT_H

#include "profile/graph.h"

/* Sample i of the selection: its weight, its weight for -mean's divisor and its frames
 * [*b, *e); false when both weights are zero (it adds nothing). */
static inline bool pv_graph_sel_sample(const pv_graph *p, size_t i, int64_t *w, int64_t *dw, uint64_t *b, uint64_t *e)
{
    const pv_model *m = p->m;
    uint32_t s = p->s->sel[i];
    size_t nt = m->ntypes;
    *w = m->values[(size_t)s * nt + (size_t)p->s->vidx];
    *dw = p->s->didx >= 0 ? m->values[(size_t)s * nt + (size_t)p->s->didx] : 0;
    if (*w == 0 && *dw == 0)
        return false;
    *b = p->s->sb ? p->s->sb[i] : m->stack_off[s];
    *e = p->s->se ? p->s->se[i] : m->stack_off[s + 1];
    return true;
}

/* The edge src -> dst in the graph's table, created (weight 0, inline until shown
 * otherwise) if new; NULL when out of memory. Pointers and slot numbers stay valid until the
 * table grows (then ln_edge is forgotten). */
pv_edge *pv_graph_edge_get(pv_graph *p, uint32_t src, uint32_t dst);

/* Edges between kept nodes over the selected samples [lo, hi), into p's edge table (see
 * pv_graph_kept_edges). 0, or -1 when out of memory. */
int pv_graph_kept_pass(pv_graph *p, const uint8_t *want, const uint8_t *from, size_t lo, size_t hi);

#endif

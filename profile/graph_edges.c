/* The graph's edges: its edge table, the pass that records the edges between kept nodes
 * (top's "(inline)" marks) and the one that lists a node's callers and callees (peek). */
#include <stdlib.h>
#include <string.h>

#include "profile/graph.h"
#include "profile/graph_int.h"
#include "profile/util.h"

static size_t edge_slot(uint32_t src, uint32_t dst, size_t n)
{
    uint64_t x = (uint64_t)src << 32 | dst;
    x ^= x >> 31;
    x *= 0x9E3779B97F4A7C15ull;
    x ^= x >> 29;
    return x & (n - 1);
}

pv_edge *pv_graph_edge_get(pv_graph *p, uint32_t src, uint32_t dst)
{
    if ((p->nedges + 1) * 2 > p->neslots) {
        size_t n = p->neslots ? p->neslots * 2 : 1024;
        pv_edge *ne = calloc(n, sizeof *ne);
        if (!ne)
            return NULL;
        for (size_t i = 0; i < p->neslots; i++) {
            if (!p->edges[i].used)
                continue;
            size_t j = edge_slot(p->edges[i].src, p->edges[i].dst, n);
            while (ne[j].used)
                j = (j + 1) & (n - 1);
            ne[j] = p->edges[i];
        }
        free(p->edges);
        p->edges = ne;
        p->neslots = n;
        if (p->ln_edge)
            memset(p->ln_edge, 0xff, ((size_t)p->ln_off[p->m->nlocations] + 1) * sizeof *p->ln_edge);
    }
    size_t j = edge_slot(src, dst, p->neslots);
    while (p->edges[j].used) {
        if (p->edges[j].src == src && p->edges[j].dst == dst)
            return &p->edges[j];
        j = (j + 1) & (p->neslots - 1);
    }
    pv_edge *e = &p->edges[j];
    *e = (pv_edge){src, dst, 0, UINT32_MAX, true, true};
    p->nedges++;
    return e;
}

/* Forgets every edge (before a new pass). */
static void edges_reset(pv_graph *p)
{
    p->nedges = 0;
    if (p->edges)
        memset(p->edges, 0, p->neslots * sizeof *p->edges);
}

/* The edges that touch one node (only_node), every node kept: pprof's newGraph walks each
 * sample from the root, an edge from the previous node to each node, counted once per
 * sample. */
static int accumulate_node_edges(pv_graph *p, uint32_t only_node, size_t lo, size_t hi)
{
    const pv_model *m = p->m;
    edges_reset(p);
    /* the edge last met into each line of each location: a location is mostly reached from
     * the same caller, so this finds the edge without hashing (the slot is checked) */
    size_t nln = (size_t)p->ln_off[m->nlocations] + 1;
    if (!p->ln_edge)
        p->ln_edge = malloc(nln * sizeof *p->ln_edge);
    if (!p->ln_edge)
        return -1;
    memset(p->ln_edge, 0xff, nln * sizeof *p->ln_edge);
    for (size_t i = lo; i < hi; i++) {
        int64_t w, dw;
        uint64_t b, e;
        if (!pv_graph_sel_sample(p, i, &w, &dw, &b, &e))
            continue;
        uint32_t parent = PV_NONE;
        uint32_t stamp = (uint32_t)i;
        for (uint64_t k = e; k-- > b;) {
            uint32_t li = m->stack[k];
            uint32_t nb = p->ln_off[li], ne = p->ln_off[li + 1];
            for (uint32_t ni = ne; ni-- > nb;) {
                uint32_t n = p->ln[ni];
                if (parent != PV_NONE && n != parent && (n == only_node || parent == only_node)) {
                    uint32_t c = p->ln_edge[ni];
                    pv_edge *ed = c != UINT32_MAX && p->edges[c].src == parent && p->edges[c].used
                                   ? &p->edges[c]
                                   : pv_graph_edge_get(p, parent, n);
                    if (!ed)
                        return -1;
                    p->ln_edge[ni] = (uint32_t)(ed - p->edges);
                    if (ed->stamp != stamp) {
                        ed->stamp = stamp;
                        ed->weight = pv_wadd(ed->weight, w);
                        if (ni == ne - 1)
                            ed->inl = false;
                    }
                }
                parent = n;
            }
        }
    }
    return 0;
}

/* ---------- edges between kept nodes ---------- */

/* The kept-edges pass keeps its edges by dense id: what a sample adds to one (the hot part)
 * apart from its ends, and moves them to the graph's table at the end. */
typedef struct {
    int64_t weight;
    uint32_t stamp; /* the last sample that added to it; UINT32_MAX: none yet */
    uint32_t inl;   /* every first use in a sample so far was an inlined call */
} kept_acc;

/* A kept node of a location, rootmost first. For the first of a location, edge is 1 when it
 * is the location's outermost line (its edge from the caller is not inlined); for the
 * others, the dense id of the edge from the one before, fixed by the location (and inlined),
 * or PV_NONE when none is recorded. */
typedef struct {
    uint32_t node, edge;
} kept_entry;

typedef struct {
    pv_graph *p;
    const uint8_t *want, *from;
    kept_acc *acc;
    uint32_t (*ends)[2];
    size_t n, cap;
    /* an edge's id: a matrix over (kept source, wanted destination) when it is small enough,
     * else a hash table with, per location, the edge met last into its first kept node */
    uint32_t *kid, *wid, *mat; /* mat: id + 1, 0 for none */
    size_t nw;
    uint32_t *slots, *loc_edge;
    size_t nslots;
    uint32_t *kl_off;
    kept_entry *kl;
} kept_pass;

/* The matrix is used up to this many cells (4 bytes each, untouched pages never mapped). */
#define KEPT_MATRIX_MAX (1u << 22)

static void kept_pass_free(kept_pass *kp)
{
    free(kp->acc);
    free(kp->ends);
    free(kp->kid);
    free(kp->wid);
    free(kp->mat);
    free(kp->slots);
    free(kp->loc_edge);
    free(kp->kl_off);
    free(kp->kl);
}

/* The id of the edge src -> dst, made if new; PV_NONE when out of memory. */
static uint32_t kept_edge_id(kept_pass *kp, uint32_t src, uint32_t dst)
{
    uint32_t *cell;
    if (kp->mat) {
        cell = &kp->mat[(size_t)kp->kid[src] * kp->nw + kp->wid[dst]];
        if (*cell)
            return *cell - 1;
    } else {
        if ((kp->n + 1) * 2 > kp->nslots) {
            size_t ns = kp->nslots ? kp->nslots * 2 : 1024;
            uint32_t *sl = pv_calloc_written(ns, sizeof *sl);
            if (!sl)
                return PV_NONE;
            for (size_t id = 0; id < kp->n; id++) {
                size_t j = edge_slot(kp->ends[id][0], kp->ends[id][1], ns);
                while (sl[j])
                    j = (j + 1) & (ns - 1);
                sl[j] = (uint32_t)id + 1;
            }
            free(kp->slots);
            kp->slots = sl;
            kp->nslots = ns;
        }
        size_t j = edge_slot(src, dst, kp->nslots);
        while (kp->slots[j]) {
            uint32_t id = kp->slots[j] - 1;
            if (kp->ends[id][0] == src && kp->ends[id][1] == dst)
                return id;
            j = (j + 1) & (kp->nslots - 1);
        }
        cell = &kp->slots[j];
    }
    if (kp->n == kp->cap) {
        size_t c = kp->cap ? kp->cap * 2 : 1024;
        kept_acc *a = realloc(kp->acc, c * sizeof *a);
        if (a)
            kp->acc = a;
        uint32_t(*e)[2] = realloc(kp->ends, c * sizeof *e);
        if (e)
            kp->ends = e;
        if (!a || !e || kp->n >= PV_NONE - 1)
            return PV_NONE;
        kp->cap = c;
    }
    uint32_t id = (uint32_t)kp->n++;
    kp->acc[id] = (kept_acc){0, UINT32_MAX, 1};
    kp->ends[id][0] = src;
    kp->ends[id][1] = dst;
    *cell = id + 1;
    return id;
}

/* The lookup tables and each location's kept nodes with the edges between them. */
static int kept_pass_init(kept_pass *kp)
{
    pv_graph *p = kp->p;
    size_t nn = p->nnodes ? p->nnodes : 1, nloc = p->m->nlocations;
    const uint8_t *kept = p->kept;
    kp->kid = malloc(nn * sizeof *kp->kid);
    kp->wid = malloc(nn * sizeof *kp->wid);
    kp->kl_off = malloc((nloc + 1) * sizeof *kp->kl_off);
    kp->kl = malloc(((size_t)p->ln_off[nloc] + 1) * sizeof *kp->kl);
    if (!kp->kid || !kp->wid || !kp->kl_off || !kp->kl)
        return -1;
    size_t nk = 0;
    for (size_t i = 0; i < p->nnodes; i++) {
        kp->kid[i] = (!kept || kept[i]) && (!kp->from || kp->from[i]) ? (uint32_t)nk++ : PV_NONE;
        kp->wid[i] = kp->want[i] && (!kept || kept[i]) ? (uint32_t)kp->nw++ : PV_NONE;
    }
    if (nk && kp->nw && nk <= KEPT_MATRIX_MAX / kp->nw) {
        kp->mat = calloc(nk * kp->nw, sizeof *kp->mat);
        if (!kp->mat)
            return -1;
    } else {
        kp->loc_edge = malloc((nloc ? nloc : 1) * sizeof *kp->loc_edge);
        if (!kp->loc_edge)
            return -1;
        memset(kp->loc_edge, 0xff, (nloc ? nloc : 1) * sizeof *kp->loc_edge);
    }
    uint32_t w = 0;
    for (size_t li = 0; li < nloc; li++) {
        kp->kl_off[li] = w;
        uint32_t nb = p->ln_off[li], ne = p->ln_off[li + 1], prev = PV_NONE;
        for (uint32_t ni = ne; ni-- > nb;) {
            uint32_t n = p->ln[ni];
            if (kept && !kept[n])
                continue;
            uint32_t edge = ni == ne - 1;
            if (prev != PV_NONE) {
                edge = PV_NONE;
                if (n != prev && kp->want[n] && kp->kid[prev] != PV_NONE &&
                    (edge = kept_edge_id(kp, prev, n)) == PV_NONE)
                    return -1;
            }
            kp->kl[w++] = (kept_entry){n, edge};
            prev = n;
        }
    }
    kp->kl_off[nloc] = w;
    return 0;
}

/* Edges between kept nodes (pprof's newGraph with KeptNodes): for each sample, walking from
 * the root, an edge from the previous kept node to each kept node, counted once per sample.
 * Only edges into nodes in want and from nodes in from (NULL: any) are recorded. Within a
 * location the kept nodes
 * and the edges between them are fixed; only the edge into its first one depends on the
 * sample. */
int pv_graph_kept_pass(pv_graph *p, const uint8_t *want, const uint8_t *from, size_t lo, size_t hi)
{
    const pv_model *m = p->m;
    edges_reset(p);
    kept_pass kp = {.p = p, .want = want, .from = from};
    int rc = -1;
    if (kept_pass_init(&kp) != 0)
        goto out;
    const uint32_t *kl_off = kp.kl_off, *stack = m->stack;
    const kept_entry *kl = kp.kl;
    const uint32_t *kid = kp.kid;
    for (size_t i = lo; i < hi; i++) {
        int64_t w, dw;
        uint64_t b, e;
        if (!pv_graph_sel_sample(p, i, &w, &dw, &b, &e))
            continue;
        uint32_t parent = PV_NONE;
        uint32_t stamp = (uint32_t)i;
        for (uint64_t k = e; k-- > b;) {
            uint32_t li = stack[k];
            uint32_t a = kl_off[li], z = kl_off[li + 1];
            if (a == z)
                continue;
            uint32_t n = kl[a].node;
            if (parent != PV_NONE && n != parent && want[n] && kid[parent] != PV_NONE) {
                uint32_t id;
                if (kp.mat) {
                    uint32_t *cell = &kp.mat[(size_t)kid[parent] * kp.nw + kp.wid[n]];
                    id = *cell ? *cell - 1 : kept_edge_id(&kp, parent, n);
                } else {
                    id = kp.loc_edge[li];
                    if (id == PV_NONE || kp.ends[id][0] != parent)
                        id = kp.loc_edge[li] = kept_edge_id(&kp, parent, n);
                }
                if (id == PV_NONE)
                    goto out;
                kept_acc *x = &kp.acc[id];
                if (x->stamp != stamp) {
                    x->stamp = stamp;
                    x->weight = pv_wadd(x->weight, w);
                    if (kl[a].edge)
                        x->inl = 0;
                }
            }
            for (uint32_t j = a + 1; j < z; j++) {
                uint32_t id = kl[j].edge;
                if (id == PV_NONE)
                    continue;
                kept_acc *x = &kp.acc[id];
                if (x->stamp != stamp) {
                    x->stamp = stamp;
                    x->weight = pv_wadd(x->weight, w);
                }
            }
            parent = kl[z - 1].node;
        }
    }
    for (size_t id = 0; id < kp.n; id++) {
        if (kp.acc[id].stamp == UINT32_MAX)
            continue; /* met in no selected sample */
        pv_edge *ed = pv_graph_edge_get(p, kp.ends[id][0], kp.ends[id][1]);
        if (!ed)
            goto out;
        ed->weight = kp.acc[id].weight;
        ed->inl = kp.acc[id].inl != 0;
    }
    rc = 0;
out:
    kept_pass_free(&kp);
    return rc;
}

int pv_graph_node_edges(pv_graph *p, uint32_t node, bool callers, pv_edge_row **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    if (node >= p->nnodes)
        return -1;
    /* one pass recording the edges that touch node, with every node kept */
    uint8_t *kept = p->kept;
    p->kept = NULL;
    int rc = accumulate_node_edges(p, node, 0, p->s->nsel);
    p->kept = kept;
    if (rc != 0)
        return -1;
    size_t cnt = 0;
    for (size_t i = 0; i < p->neslots; i++)
        if (p->edges[i].used && (callers ? p->edges[i].dst : p->edges[i].src) == node)
            cnt++;
    pv_edge_row *rows = calloc(cnt ? cnt : 1, sizeof *rows);
    if (!rows)
        return -1;
    size_t w = 0;
    for (size_t i = 0; i < p->neslots; i++) {
        const pv_edge *e = &p->edges[i];
        if (!e->used || (callers ? e->dst : e->src) != node)
            continue;
        uint32_t other = callers ? e->src : e->dst;
        rows[w].name = strdup(pv_graph_node_name(p, other));
        rows[w].weight = e->weight;
        rows[w].node = other;
        rows[w].inline_edge = e->inl;
        w++;
    }
    /* heaviest first, then by name */
    for (size_t i = 1; i < w; i++) {
        pv_edge_row t = rows[i];
        size_t j = i;
        while (j > 0 && (pv_abs64(rows[j - 1].weight) < pv_abs64(t.weight) ||
                         (pv_abs64(rows[j - 1].weight) == pv_abs64(t.weight) && strcmp(rows[j - 1].name, t.name) > 0))) {
            rows[j] = rows[j - 1];
            j--;
        }
        rows[j] = t;
    }
    *out = rows;
    *n = w;
    return 0;
}

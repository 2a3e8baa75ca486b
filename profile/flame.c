/* The flame product: a prefix tree of frames over a selection (see flame.h). */
#include "profile/flame.h"

#include <stdlib.h>
#include <string.h>

#include "profile/compact.h"
#include "profile/util.h"

#define INL_BIT 0x80000000u /* a frame in the per-sample buffer: graph node | INL_BIT if inlined */

/* A slot holds its key, so a lookup touches one cache line, not the node too. */
typedef struct {
    uint32_t parent, gnode, id; /* id PV_NONE: empty */
} slot;

typedef struct {
    pv_flame *f;
    size_t cap;
    slot *slots; /* open addressing on (parent, gnode) */
    size_t nslots;
    uint8_t *inl; /* per node: every use so far was inlined */
    size_t inlcap;
    uint32_t *frames, *path, *prev; /* per-sample buffers of build_range */
    size_t fcap;
    int part; /* -1: every sample; 0 or 1: the samples whose first frames hash to it */
    const pv_compact *cm; /* -mean: pprof's merged samples (classes of equal samples) */
} builder;

/* Two builders split the samples by a hash of their first PART_DEPTH frames (root first):
 * a node deeper than that is then in one builder's tree only, and joining the two trees
 * looks up only the shallow nodes. */
#define PART_DEPTH 12

static inline size_t slot_of(uint32_t parent, uint32_t gnode, size_t mask)
{
    return (size_t)pv_mix64(((uint64_t)parent << 32) | gnode) & mask;
}

static int grow_slots(builder *b)
{
    size_t n = b->nslots ? b->nslots * 2 : 1024;
    while (n < b->f->nnodes * 2) /* merge() appends nodes the table does not hold */
        n *= 2;
    slot *s = malloc(n * sizeof *s);
    if (!s)
        return -1;
    memset(s, 0xff, n * sizeof *s);
    for (size_t i = 1; i < b->f->nnodes; i++) {
        const pv_flame_node *nd = &b->f->nodes[i];
        size_t k = slot_of(nd->parent, nd->gnode, n - 1);
        while (s[k].id != PV_NONE)
            k = (k + 1) & (n - 1);
        s[k] = (slot){nd->parent, nd->gnode, (uint32_t)i};
    }
    free(b->slots);
    b->slots = s;
    b->nslots = n;
    return 0;
}

/* The child of parent for frame (gnode, inl), created if new; PV_NONE on allocation failure. */
static uint32_t child_of(builder *b, uint32_t parent, uint32_t frame)
{
    pv_flame *f = b->f;
    uint32_t gnode = frame & ~INL_BIT;
    bool inl = (frame & INL_BIT) != 0;
    size_t mask = b->nslots - 1;
    size_t k = slot_of(parent, gnode, mask);
    for (;; k = (k + 1) & mask) {
        const slot *sl = &b->slots[k];
        if (sl->id == PV_NONE)
            break;
        if (sl->parent == parent && sl->gnode == gnode) {
            if (!inl && b->inl[sl->id])
                b->inl[sl->id] = 0;
            return sl->id;
        }
    }
    if (f->nnodes >= UINT32_MAX - 1 || pv_grow((void **)&f->nodes, &b->cap, f->nnodes + 1, sizeof *f->nodes) != 0 ||
        pv_grow((void **)&b->inl, &b->inlcap, f->nnodes + 1, 1) != 0)
        return PV_NONE;
    uint32_t id = (uint32_t)f->nnodes++;
    pv_flame_node *nd = &f->nodes[id];
    memset(nd, 0, sizeof *nd);
    nd->gnode = gnode;
    nd->parent = parent;
    b->inl[id] = inl;
    nd->depth = f->nodes[parent].depth + 1;
    if (nd->depth > f->max_depth)
        f->max_depth = nd->depth;
    b->slots[k] = (slot){parent, gnode, id};
    if (f->nnodes * 2 > b->nslots && grow_slots(b) != 0)
        return PV_NONE;
    return id;
}

static int cmp_children(const pv_flame *f, uint32_t a, uint32_t b)
{
    int64_t ta = pv_flame_total(f, a), tb = pv_flame_total(f, b);
    if (ta != tb)
        return ta > tb ? -1 : 1;
    int c = strcmp(pv_flame_name(f, a), pv_flame_name(f, b));
    if (c)
        return c;
    return a < b ? -1 : a > b;
}

/* Sorts a run of child ids (insertion sort for short runs, else merge sort). */
static void sort_run(const pv_flame *f, uint32_t *v, uint32_t n, uint32_t *tmp)
{
    if (n < 16) {
        for (uint32_t i = 1; i < n; i++) {
            uint32_t x = v[i], j = i;
            while (j > 0 && cmp_children(f, v[j - 1], x) > 0) {
                v[j] = v[j - 1];
                j--;
            }
            v[j] = x;
        }
        return;
    }
    uint32_t h = n / 2;
    sort_run(f, v, h, tmp);
    sort_run(f, v + h, n - h, tmp);
    uint32_t i = 0, j = h, k = 0;
    while (i < h && j < n)
        tmp[k++] = cmp_children(f, v[i], v[j]) <= 0 ? v[i++] : v[j++];
    while (i < h)
        tmp[k++] = v[i++];
    while (j < n)
        tmp[k++] = v[j++];
    memcpy(v, tmp, n * sizeof *v);
}

#define PARALLEL_MIN_SAMPLES 100000

typedef struct {
    pv_flame *f;
    size_t lo, hi;
    int rc;
} sort_job;

/* Sorts the child runs of nodes lo .. hi-1. */
static void *sort_nodes(void *arg)
{
    sort_job *j = arg;
    pv_flame *f = j->f;
    uint32_t most = 0;
    for (size_t i = j->lo; i < j->hi; i++)
        if (f->nodes[i].nchild > most)
            most = f->nodes[i].nchild;
    uint32_t *tmp = malloc((most ? most : 1) * sizeof *tmp);
    if (!tmp)
        return NULL;
    for (size_t i = j->lo; i < j->hi; i++)
        if (f->nodes[i].nchild > 1)
            sort_run(f, f->children + f->nodes[i].child_off, f->nodes[i].nchild, tmp);
    free(tmp);
    j->rc = 0;
    return NULL;
}

/* Children runs (sorted when asked) and the packed parent and frame arrays. 0 or -1. */
static int link_children(pv_flame *f)
{
    size_t n = f->nnodes;
    f->children = malloc((n ? n : 1) * sizeof *f->children);
    if (!f->children)
        return -1;
    for (size_t i = 0; i < n; i++)
        f->nodes[i].nchild = 0;
    for (size_t i = 1; i < n; i++)
        f->nodes[f->nodes[i].parent].nchild++;
    uint32_t off = 0;
    for (size_t i = 0; i < n; i++) {
        f->nodes[i].child_off = off;
        off += f->nodes[i].nchild;
        f->nodes[i].nchild = 0;
    }
    for (size_t i = 1; i < n; i++) {
        pv_flame_node *p = &f->nodes[f->nodes[i].parent];
        f->children[p->child_off + p->nchild++] = (uint32_t)i;
    }
    f->parents = malloc((n ? n : 1) * sizeof *f->parents);
    f->gnodes = malloc((n ? n : 1) * sizeof *f->gnodes);
    if (!f->parents || !f->gnodes)
        return -1;
    for (size_t i = 0; i < n; i++) {
        f->parents[i] = f->nodes[i].parent;
        f->gnodes[i] = f->nodes[i].gnode;
    }
    if (!f->o.sort)
        return 0;
    /* the runs of the first and second halves of the nodes on two threads */
    sort_job jobs[2] = {{f, 0, n, -1}, {f, n, n, 0}};
    if (!pv_parallel_worth(n, PARALLEL_MIN_SAMPLES)) {
        sort_nodes(&jobs[0]);
        return jobs[0].rc;
    }
    /* the comparison reads names the graph makes lazily: make them here, not on two threads
     * at once */
    for (size_t i = 1; i < n; i++)
        if (f->nodes[f->nodes[i].parent].nchild > 1)
            (void)pv_flame_name(f, (uint32_t)i);
    jobs[0].hi = jobs[1].lo = n / 2;
    jobs[1].rc = -1;
    pv_run_two(sort_nodes, &jobs[0], &jobs[1]);
    return jobs[0].rc == 0 && jobs[1].rc == 0 ? 0 : -1;
}

/* A builder's own tree, ready for samples: the root alone. 0 or -1. */
static int builder_init(builder *b, const pv_selection *s, pv_graph *g, const pv_flame_opts *o)
{
    memset(b, 0, sizeof *b);
    b->part = -1;
    b->f = calloc(1, sizeof *b->f);
    if (!b->f)
        return -1;
    pv_flame *f = b->f;
    f->s = s;
    f->g = g;
    f->o = *o;
    if (pv_grow((void **)&f->nodes, &b->cap, 1, sizeof *f->nodes) != 0 ||
        pv_grow((void **)&b->inl, &b->inlcap, 1, 1) != 0 || grow_slots(b) != 0)
        return -1;
    b->inl[0] = 0;
    memset(&f->nodes[0], 0, sizeof f->nodes[0]);
    f->nodes[0].gnode = PV_NONE;
    f->nodes[0].parent = PV_NONE;
    f->nnodes = 1;
    return 0;
}

static void builder_free(builder *b)
{
    free(b->inl);
    free(b->slots);
    free(b->frames);
    free(b->path);
    free(b->prev);
    b->inl = NULL;
    b->slots = NULL;
    b->frames = b->path = b->prev = NULL;
}

/* Adds selected samples lo .. hi-1 to the builder's tree (self values only). 0 or -1. */
static int build_range(builder *b, size_t lo, size_t hi)
{
    pv_flame *f = b->f;
    const pv_selection *s = f->s;
    const pv_graph *g = f->g;
    const pv_flame_opts *o = &f->o;
    const pv_model *m = s->m;
    const uint32_t *ln_off = g->ln_off, *ln = g->ln, *stack = m->stack;
    size_t nt = m->ntypes;
    bool mean = s->didx >= 0;
    size_t nprev = 0; /* frames of the previous sample, and path[i]: its node after frame i */
    for (size_t i = lo; i < hi; i++) {
        uint32_t si = s->sel[i];
        int64_t w = m->values[(size_t)si * nt + (size_t)s->vidx];
        int64_t dw = mean ? m->values[(size_t)si * nt + (size_t)s->didx] : 0;
        /* -mean: each of pprof's merged samples divided by its own divisor, as -traces
         * prints them; the model may keep equal samples apart (a sink gives merging up), so
         * the quotient is its class's, counted at the class's first sample */
        int64_t wmean = 0;
        if (mean) {
            uint32_t c = b->cm->cls[si];
            if (b->cm->rep[c] == si)
                wmean = pv_div64(b->cm->vals[(size_t)c * nt + (size_t)s->vidx], b->cm->vals[(size_t)c * nt + (size_t)s->didx]);
        }
        if (w == 0 && dw == 0 && wmean == 0)
            continue;
        uint64_t sb, se;
        pv_selection_stack(s, i, &sb, &se);
        /* the sample's frames, root first */
        size_t nf = 0;
        for (uint64_t k = se; k-- > sb;) {
            uint32_t li = stack[k];
            uint32_t nb = ln_off[li], ne = ln_off[li + 1];
            if (nf + (ne - nb) > b->fcap) {
                size_t want = nf + (ne - nb);
                if (pv_grow((void **)&b->frames, &b->fcap, want, sizeof *b->frames) != 0)
                    return -1;
                uint32_t *np = realloc(b->path, b->fcap * sizeof *np);
                if (!np)
                    return -1;
                b->path = np;
                np = realloc(b->prev, b->fcap * sizeof *np);
                if (!np)
                    return -1;
                b->prev = np;
            }
            for (uint32_t ni = ne; ni-- > nb;)
                b->frames[nf++] = ln[ni] | (ni != ne - 1 ? INL_BIT : 0);
        }
        uint32_t *frames = b->frames, *path = b->path, *prev = b->prev;
        /* the part of the stack this tree holds */
        size_t from = 0, to = nf;
        if (o->kind != PV_FLAME_TREE) {
            size_t r = 0;
            while (r < nf && (frames[r] & ~INL_BIT) != o->focus)
                r++;
            if (r == nf)
                continue;
            if (o->kind == PV_FLAME_CALLEES) {
                from = r;
            } else {
                /* callers: reversed, the focus frame first */
                for (size_t x = 0, y = r; x < y; x++, y--) {
                    uint32_t t = frames[x];
                    frames[x] = frames[y];
                    frames[y] = t;
                }
                to = r + 1;
            }
            frames[from] &= ~INL_BIT; /* the sandwich's root frame is not a call */
        }
        if (o->collapse_recursion && to > from) {
            size_t wpos = from + 1;
            for (size_t k = from + 1; k < to; k++)
                if ((frames[k] & ~INL_BIT) != (frames[wpos - 1] & ~INL_BIT))
                    frames[wpos++] = frames[k];
            to = wpos;
        }
        size_t n = to - from, same = 0;
        if (b->part >= 0) {
            uint64_t h = 0;
            for (size_t k = 0; k < n && k < PART_DEPTH; k++)
                h = pv_mix64(h ^ (frames[from + k] & ~INL_BIT));
            if ((int)(h & 1) != b->part)
                continue;
        }
        /* reuse the path of the previous sample as far as the frames agree */
        while (same < n && same < nprev && prev[same] == frames[from + same])
            same++;
        uint32_t node = same ? path[same - 1] : 0;
        for (size_t k = same; k < n; k++) {
            node = child_of(b, node, frames[from + k]);
            if (node == PV_NONE)
                return -1;
            path[k] = node;
            prev[k] = frames[from + k];
        }
        nprev = n;
        pv_flame_node *leaf = &f->nodes[n ? path[n - 1] : 0];
        leaf->self = pv_wadd(leaf->self, w);
        leaf->selfdiv = pv_wadd(leaf->selfdiv, dw);
        leaf->selfmean = pv_wadd(leaf->selfmean, wmean);
        if (m->base_key) /* -diff_base: the base's part, from its label */
            for (uint64_t k = m->label_off[si]; k < m->label_off[si + 1]; k++)
                if (m->labels[k].key == m->base_key && m->labels[k].str == m->base_true) {
                    leaf->base_self = pv_wadd(leaf->base_self, (int64_t)(0 - (uint64_t)w));
                    break;
                }
    }
    return 0;
}

/* Adds the tree of src into dst's: src's nodes at depth PART_DEPTH or less are looked up in
 * dst (both builders may hold them), deeper ones, which only src holds when the builders
 * split the samples by part, are appended. 0 or -1. */
static int merge(builder *dst, const builder *src)
{
    const pv_flame *sf = src->f;
    pv_flame *df = dst->f;
    uint32_t *map = malloc(sf->nnodes * sizeof *map);
    if (!map)
        return -1;
    map[0] = 0;
    if (pv_grow((void **)&df->nodes, &dst->cap, df->nnodes + sf->nnodes, sizeof *df->nodes) != 0 ||
        pv_grow((void **)&dst->inl, &dst->inlcap, df->nnodes + sf->nnodes, 1) != 0) {
        free(map);
        return -1;
    }
    for (size_t i = 0; i < sf->nnodes; i++) {
        const pv_flame_node *sn = &sf->nodes[i];
        if (i > 0 && (sn->depth <= PART_DEPTH || src->part < 0)) {
            map[i] = child_of(dst, map[sn->parent], sn->gnode | (src->inl[i] ? INL_BIT : 0));
            if (map[i] == PV_NONE) {
                free(map);
                return -1;
            }
        } else if (i > 0) {
            if (df->nnodes >= UINT32_MAX - 1) {
                free(map);
                return -1;
            }
            uint32_t id = (uint32_t)df->nnodes++;
            df->nodes[id] = (pv_flame_node){.gnode = sn->gnode, .parent = map[sn->parent], .depth = sn->depth};
            dst->inl[id] = src->inl[i];
            map[i] = id;
        }
        pv_flame_node *dn = &df->nodes[map[i]];
        dn->self = pv_wadd(dn->self, sn->self);
        dn->selfdiv = pv_wadd(dn->selfdiv, sn->selfdiv);
        dn->selfmean = pv_wadd(dn->selfmean, sn->selfmean);
        dn->base_self = pv_wadd(dn->base_self, sn->base_self);
    }
    if (sf->max_depth > df->max_depth)
        df->max_depth = sf->max_depth;
    free(map);
    return 0;
}

typedef struct {
    builder *b;
    size_t lo, hi;
    int rc;
} range_job;

static void *range_run(void *arg)
{
    range_job *j = arg;
    j->rc = build_range(j->b, j->lo, j->hi);
    return NULL;
}

static int find_hottest(pv_flame *f);

pv_flame *pv_flame_build(const pv_selection *s, pv_graph *g, const pv_flame_opts *o, char *err, size_t errlen)
{
    builder b, b2;
    memset(&b2, 0, sizeof b2);
    pv_compact *cm = NULL;
    if (s->didx >= 0 && !(cm = pv_compact_build(s->m, err, errlen)))
        return NULL;
    int rc = builder_init(&b, s, g, o);
    b.cm = cm;
    /* two parts on two threads (samples split by a hash of their root frames), then one merge */
    if (rc == 0 && pv_parallel_worth(s->nsel, PARALLEL_MIN_SAMPLES) && builder_init(&b2, s, g, o) == 0) {
        b2.cm = cm;
        b.part = 0;
        b2.part = 1;
        range_job first = {&b, 0, s->nsel, -1}, second = {&b2, 0, s->nsel, -1};
        pv_run_two(range_run, &first, &second);
        rc = first.rc == 0 ? second.rc : first.rc;
        if (rc == 0)
            rc = merge(&b, &b2);
    } else if (rc == 0) {
        rc = build_range(&b, 0, s->nsel);
    }
    if (b2.f) {
        pv_flame_free(b2.f);
        builder_free(&b2);
    }
    pv_flame *f = b.f;
    if (rc == 0) {
        /* totals: a node's children come after it, so one backward pass sums the subtrees */
        for (size_t i = 0; i < f->nnodes; i++) {
            f->nodes[i].total = f->nodes[i].self;
            f->nodes[i].totaldiv = f->nodes[i].selfdiv;
            f->nodes[i].base_total = f->nodes[i].base_self;
            f->nodes[i].inl = i > 0 && b.inl[i];
        }
        for (size_t i = f->nnodes; i-- > 1;) {
            pv_flame_node *p = &f->nodes[f->nodes[i].parent];
            p->total = pv_wadd(p->total, f->nodes[i].total);
            p->totaldiv = pv_wadd(p->totaldiv, f->nodes[i].totaldiv);
            p->base_total = pv_wadd(p->base_total, f->nodes[i].base_total);
        }
        rc = link_children(f);
        if (rc == 0)
            rc = find_hottest(f);
    }
    builder_free(&b);
    pv_compact_free(cm);
    if (rc != 0) {
        snprintf(err, errlen, "out of memory");
        pv_flame_free(f);
        return NULL;
    }
    return f;
}

void pv_flame_free(pv_flame *f)
{
    if (!f)
        return;
    free(f->nodes);
    free(f->children);
    free(f->hottest);
    free(f->parents);
    free(f->gnodes);
    free(f);
}

int64_t pv_flame_self(const pv_flame *f, uint32_t n)
{
    return pv_div64(f->nodes[n].self, f->nodes[n].selfdiv);
}

int64_t pv_flame_total(const pv_flame *f, uint32_t n)
{
    return pv_div64(f->nodes[n].total, f->nodes[n].totaldiv);
}

const char *pv_flame_name(const pv_flame *f, uint32_t n)
{
    uint32_t g = f->nodes[n].gnode;
    return g == PV_NONE ? "" : pv_graph_node_name(f->g, g);
}

uint32_t pv_flame_heaviest_leaf(const pv_flame *f, uint32_t n)
{
    return f->hottest ? f->hottest[n] : n;
}

/* hottest[n]: the first node in drawing order with the most self value under n. Children
 * come after their parent, so one backward pass sees every subtree done. */
static int find_hottest(pv_flame *f)
{
    f->hottest = malloc((f->nnodes ? f->nnodes : 1) * sizeof *f->hottest);
    if (!f->hottest)
        return -1;
    for (size_t i = f->nnodes; i-- > 0;) {
        const pv_flame_node *nd = &f->nodes[i];
        uint32_t best = (uint32_t)i;
        int64_t bestv = pv_flame_self(f, best);
        for (uint32_t c = 0; c < nd->nchild; c++) {
            uint32_t h = f->hottest[f->children[nd->child_off + c]];
            int64_t v = pv_flame_self(f, h);
            if (v > bestv) {
                best = h;
                bestv = v;
            }
        }
        f->hottest[i] = best;
    }
    return 0;
}

typedef struct {
    const pv_selection *s;
    const uint8_t *lm; /* per location: matches */
    size_t lo, hi;
    int64_t sum, sumdiv;
} scan_job;

static void *scan_run(void *arg)
{
    scan_job *j = arg;
    const pv_model *m = j->s->m;
    for (size_t i = j->lo; i < j->hi; i++) {
        uint32_t si = j->s->sel[i];
        bool hit = false;
        for (uint64_t k = m->stack_off[si]; k < m->stack_off[si + 1] && !hit; k++)
            hit = j->lm[m->stack[k]];
        if (hit) {
            j->sum = pv_wadd(j->sum, pv_selection_value(j->s, i));
            j->sumdiv = pv_wadd(j->sumdiv, pv_selection_divisor(j->s, i));
        }
    }
    return NULL;
}

/* The search share from the tree, without reading the samples (pv_flame_search's scan reads
 * every selected stack): the share is the total of the topmost tree nodes whose frame matches.
 * That equals the scan when each sample's path holds, for each location of its stack, frames
 * that match exactly when the location does (lm: a function of one of its lines, or its
 * mapping). So: the whole tree (not a sandwich half), no stack cut short (show_from), and a
 * graph node taken as matching only when every location giving it does; then each matching
 * location must still give a matching frame (not when its lines are hidden, or when its graph
 * node also stands for locations that do not match, as a function granularity merging
 * functions of several files can). 1 with *sum and *sumdiv set, 0 when not exact, -1 on
 * allocation failure. */
static int tree_share(const pv_flame *f, const uint8_t *lm, int64_t *sum, int64_t *sumdiv)
{
    const pv_selection *s = f->s;
    const pv_graph *g = f->g;
    const pv_model *m = s->m;
    if (f->o.kind != PV_FLAME_TREE || s->sb || s->se)
        return 0;
    uint8_t *nm = malloc(g->nnodes ? g->nnodes : 1);
    uint8_t *pm = malloc(f->nnodes ? f->nnodes : 1);
    if (!nm || !pm) {
        free(nm);
        free(pm);
        return -1;
    }
    memset(nm, 1, g->nnodes);
    const uint32_t *ln_off = g->ln_off, *ln = g->ln;
    for (size_t li = 0; li < m->nlocations; li++)
        for (uint32_t k = ln_off[li]; k < ln_off[li + 1]; k++)
            nm[ln[k]] &= lm[li];
    bool exact = true;
    for (size_t li = 0; li < m->nlocations && exact; li++) {
        if (!lm[li])
            continue;
        bool any = false;
        for (uint32_t k = ln_off[li]; k < ln_off[li + 1] && !any; k++)
            any = nm[ln[k]];
        exact = any;
    }
    if (exact) {
        /* parents come before their children */
        const uint32_t *par = f->parents, *gno = f->gnodes;
        int64_t a = 0, d = 0;
        pm[0] = 0;
        for (size_t n = 1; n < f->nnodes; n++) {
            uint8_t up = pm[par[n]], me = !up && nm[gno[n]];
            pm[n] = up | me;
            if (me) {
                a = pv_wadd(a, f->nodes[n].total);
                d = pv_wadd(d, f->nodes[n].totaldiv);
            }
        }
        *sum = a;
        *sumdiv = d;
    }
    free(nm);
    free(pm);
    return exact;
}

int pv_flame_search(const pv_flame *f, const pv_regex *rx, uint8_t *match, int64_t *matched)
{
    const pv_model *m = f->s->m;
    const pv_graph *g = f->g;
    uint8_t *fm = calloc(m->nfunctions ? m->nfunctions : 1, 1);
    uint8_t *mm = calloc(m->nmappings ? m->nmappings : 1, 1);
    uint8_t *lm = calloc(m->nlocations ? m->nlocations : 1, 1);
    uint8_t *gm = calloc(g->nnodes ? g->nnodes : 1, 1);
    int rc = -1;
    if (!fm || !mm || !lm || !gm)
        goto out;
    for (size_t i = 0; i < m->nfunctions; i++)
        fm[i] = pv_regex_match(rx, pv_str(m, m->functions[i].name)) ||
                pv_regex_match(rx, pv_str(m, m->functions[i].filename));
    for (size_t i = 0; i < m->nmappings; i++)
        mm[i] = pv_regex_match(rx, pv_str(m, m->mappings[i].file));
    for (size_t i = 0; i < m->nlocations; i++) {
        const pv_location *loc = &m->locations[i];
        bool hit = loc->mapping != PV_NONE && loc->mapping < m->nmappings && mm[loc->mapping];
        for (uint32_t k = 0; k < loc->line_count && !hit; k++)
            hit = fm[m->lines[loc->line_start + k].function];
        lm[i] = hit;
    }
    int64_t sum = 0, sumdiv = 0;
    int t = tree_share(f, lm, &sum, &sumdiv);
    if (t < 0)
        goto out;
    if (t == 0) {
        /* pprof's -focus reads the whole stack, every line, before hide and show_from; two
         * halves of a large selection are scanned on two threads */
        const pv_selection *s = f->s;
        scan_job jobs[2] = {{s, lm, 0, s->nsel, 0, 0}, {s, lm, s->nsel, s->nsel, 0, 0}};
        if (pv_parallel_worth(s->nsel, PARALLEL_MIN_SAMPLES)) {
            jobs[0].hi = jobs[1].lo = s->nsel / 2;
            pv_run_two(scan_run, &jobs[0], &jobs[1]);
        } else {
            scan_run(&jobs[0]);
        }
        sum = pv_wadd(jobs[0].sum, jobs[1].sum);
        sumdiv = pv_wadd(jobs[0].sumdiv, jobs[1].sumdiv);
    }
    *matched = pv_div64(sum, sumdiv);
    if (match) {
        /* a frame is highlighted when its function (or, without one, its object file) matches */
        for (size_t gn = 0; gn < g->nnodes; gn++) {
            const pv_node_info *ni = &g->info[gn];
            if (ni->function != PV_NONE && ni->function < m->nfunctions)
                gm[gn] = fm[ni->function];
            else if (ni->objfile)
                gm[gn] = pv_regex_match(rx, pv_str(m, ni->objfile));
        }
        match[0] = 0;
        for (size_t n = 1; n < f->nnodes; n++)
            match[n] = gm[f->gnodes[n]];
    }
    rc = 0;
out:
    free(fm);
    free(mm);
    free(lm);
    free(gm);
    return rc;
}

/* Output gathered in large blocks: stdio's default buffer for a file is one page, and
 * -folded can write hundreds of MB. */
typedef struct {
    FILE *out;
    char *buf;
    size_t len, cap;
} blockw;

static void bw_flush(blockw *w)
{
    if (w->len)
        fwrite(w->buf, 1, w->len, w->out);
    w->len = 0;
}

static void bw_put(blockw *w, const char *p, size_t n)
{
    if (w->len + n > w->cap) {
        bw_flush(w);
        if (n > w->cap) {
            fwrite(p, 1, n, w->out);
            return;
        }
    }
    memcpy(w->buf + w->len, p, n);
    w->len += n;
}

int pv_flame_print_folded(FILE *out, const pv_flame *f)
{
    /* depth-first, keeping the current path's text in one buffer: each line is one copy */
    size_t n = f->nnodes;
    uint32_t *stk = malloc((n ? n : 1) * sizeof *stk);
    size_t *plen = malloc(((size_t)f->max_depth + 2) * sizeof *plen); /* text length at each depth */
    size_t cap = 4096, len = 0;
    char *text = malloc(cap);
    blockw w = {out, malloc(1 << 20), 0, 1 << 20};
    int rc = -1;
    if (!stk || !plen || !text || !w.buf)
        goto out;
    size_t sp = 0;
    plen[0] = 0;
    for (uint32_t c = f->nodes[0].nchild; c-- > 0;)
        stk[sp++] = f->children[f->nodes[0].child_off + c];
    while (sp) {
        uint32_t x = stk[--sp];
        const pv_flame_node *nd = &f->nodes[x];
        const char *name = pv_flame_name(f, x);
        size_t nl = strlen(name);
        len = plen[nd->depth - 1];
        if (len + nl + 2 + 24 > cap) {
            while (len + nl + 2 + 24 > cap)
                cap *= 2;
            char *t = realloc(text, cap);
            if (!t)
                goto out;
            text = t;
        }
        if (nd->depth > 1)
            text[len++] = ';';
        memcpy(text + len, name, nl);
        len += nl;
        plen[nd->depth] = len;
        int64_t v = f->s->didx >= 0 ? nd->selfmean : pv_flame_self(f, x);
        if ((nd->self != 0 || nd->selfdiv != 0) && v != 0) {
            int k = snprintf(text + len, cap - len, " %lld\n", (long long)v);
            bw_put(&w, text, len + (size_t)k);
        }
        for (uint32_t c = nd->nchild; c-- > 0;)
            stk[sp++] = f->children[nd->child_off + c];
    }
    bw_flush(&w);
    rc = ferror(out) ? -1 : 0;
out:
    free(stk);
    free(plen);
    free(text);
    free(w.buf);
    return rc;
}

int64_t pv_flame_before(const pv_flame *f, uint32_t n)
{
    return f->nodes[n].base_total;
}

int64_t pv_flame_after(const pv_flame *f, uint32_t n)
{
    return pv_wadd(pv_flame_total(f, n), f->nodes[n].base_total);
}

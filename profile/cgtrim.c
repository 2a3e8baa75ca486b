/* The trimming steps of pprof's newTrimmedGraph over the call graph builder, its node
 * orders, and the export into a pv_callgraph. */
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "profile/callgraph_int.h"
#include "profile/measure.h"
#include "profile/util.h"

int cg_reserve(cgb *b, size_t n)
{
    if (n <= b->cap)
        return 0;
    size_t nc = b->cap ? b->cap : 256;
    while (nc < n)
        nc *= 2;
#define GROW(f)                                                                                                        \
    do {                                                                                                               \
        void *np = realloc(b->f, nc * sizeof *b->f);                                                                   \
        if (!np)                                                                                                       \
            return -1;                                                                                                 \
        memset((char *)np + b->cap * sizeof *b->f, 0, (nc - b->cap) * sizeof *b->f);                                   \
        b->f = np;                                                                                                     \
    } while (0)
    GROW(info);
    GROW(tparent);
    GROW(flat);
    GROW(flatdiv);
    GROW(cum);
    GROW(cumdiv);
    GROW(in);
    GROW(out);
    GROW(tags);
#undef GROW
    b->cap = nc;
    return 0;
}

void cg_tags_clear(cg_tags *t)
{
    for (size_t i = 0; i < t->n; i++)
        free(t->t[i].name);
    t->n = 0;
}

static int vec_add(cg_vec *v, uint32_t x)
{
    if (v->n == v->cap) {
        uint32_t nc = v->cap ? v->cap * 2 : 4;
        uint32_t *nv = realloc(v->v, nc * sizeof *nv);
        if (!nv)
            return -1;
        v->v = nv;
        v->cap = nc;
    }
    v->v[v->n++] = x;
    return 0;
}

/* In and out edge lists of every node from the edge table. */
int cg_adjacency(cgb *b)
{
    for (size_t i = 0; i < b->n; i++)
        b->in[i].n = b->out[i].n = 0;
    for (size_t i = 0; i < b->et.n; i++) {
        const cg_edge *e = &b->et.e[i];
        if (vec_add(&b->out[e->src], (uint32_t)i) != 0 || vec_add(&b->in[e->dst], (uint32_t)i) != 0)
            return -1;
    }
    return 0;
}

void cg_builder_free(cgb *b)
{
    for (size_t i = 0; i < b->n; i++) {
        free(b->in[i].v);
        free(b->out[i].v);
        cg_tags_clear(&b->tags[i]);
        free(b->tags[i].t);
    }
    free(b->info);
    free(b->tparent);
    free(b->flat);
    free(b->flatdiv);
    free(b->cum);
    free(b->cumdiv);
    free(b->in);
    free(b->out);
    free(b->tags);
    free(b->tslots);
    free(b->kept);
    free(b->only);
    free(b->list);
    free(b->et.e);
    free(b->et.slots);
    free(b->et.last);
    for (size_t i = 0; i < b->nls; i++)
        free(b->ls[i]);
    free(b->ls);
    free(b->lslots);
    free(b->sample_ls);
    memset(b, 0, sizeof *b);
}

static const char *cname(cgb *b, uint32_t c)
{
    return pv_graph_node_name(b->g, b->info[c]);
}

/* ---------- orders ---------- */

typedef struct {
    cgb *b;
    int64_t *score;
    int mode; /* 0 flat, 1 score (cum or entropy) */
} sort_ctx;

static int cmp_info(cgb *b, uint32_t x, uint32_t y)
{
    const pv_node_info *k1 = &b->g->info[b->info[x]], *k2 = &b->g->info[b->info[y]];
    const pv_model *m = b->m;
    char *a = pv_asprintf("{%s  %" PRIu64 " %s %" PRId64 " %" PRId64 " %s}", pv_str(m, k1->name), k1->address,
                          b->g->files[k1->file], k1->start_line, k1->lineno, pv_str(m, k1->objfile));
    char *c = pv_asprintf("{%s  %" PRIu64 " %s %" PRId64 " %" PRId64 " %s}", pv_str(m, k2->name), k2->address,
                          b->g->files[k2->file], k2->start_line, k2->lineno, pv_str(m, k2->objfile));
    int r = strcmp(a ? a : "", c ? c : "");
    free(a);
    free(c);
    return r;
}

static int cmp_node(const void *pa, const void *pb, void *vctx)
{
    sort_ctx *c = vctx;
    cgb *b = c->b;
    uint32_t x = *(const uint32_t *)pa, y = *(const uint32_t *)pb;
    int64_t u, v;
    if (c->mode == 0) {
        u = pv_abs64(b->flat[x]), v = pv_abs64(b->flat[y]);
    } else {
        u = pv_abs64(c->score[x]), v = pv_abs64(c->score[y]);
    }
    if (u != v)
        return u > v ? -1 : 1;
    int r = strcmp(cname(b, x), cname(b, y));
    if (r)
        return r;
    if (c->mode == 0)
        u = pv_abs64(b->cum[x]), v = pv_abs64(b->cum[y]);
    else
        u = pv_abs64(b->flat[x]), v = pv_abs64(b->flat[y]);
    if (u != v)
        return u > v ? -1 : 1;
    return cmp_info(b, x, y);
}

/* Go's math.Log2. */
static double go_log2(double x)
{
    int e;
    double f = frexp(x, &e);
    if (f == 0.5)
        return (double)(e - 1);
    return log(f) * (1 / M_LN2) + (double)e;
}

static double edge_entropy(cgb *b, const cg_vec *v, int64_t self)
{
    double score = 0;
    int64_t total = self;
    for (uint32_t i = 0; i < v->n; i++) {
        const cg_edge *e = &b->et.e[v->v[i]];
        if (!e->dead && e->w > 0)
            total = pv_wadd(total, pv_abs64(e->w));
    }
    if (total != 0) {
        for (uint32_t i = 0; i < v->n; i++) {
            const cg_edge *e = &b->et.e[v->v[i]];
            if (e->dead)
                continue;
            double frac = (double)pv_abs64(e->w) / (double)total;
            score += -frac * go_log2(frac);
        }
        if (self > 0) {
            double frac = (double)pv_abs64(self) / (double)total;
            score += -frac * go_log2(frac);
        }
    }
    return score;
}

static uint32_t live(cgb *b, const cg_vec *v)
{
    uint32_t n = 0;
    for (uint32_t i = 0; i < v->n; i++)
        n += !b->et.e[v->v[i]].dead;
    return n;
}

static int sort_nodes(cgb *b)
{
    if (b->nlist < 2)
        return 0;
    sort_ctx c = {b, NULL, 0};
    if (b->visual || b->o->cum) {
        c.mode = 1;
        c.score = malloc(b->n * sizeof *c.score);
        if (!c.score)
            return -1;
        for (size_t i = 0; i < b->nlist; i++) {
            uint32_t x = b->list[i];
            if (!b->visual) {
                c.score[x] = b->cum[x];
                continue;
            }
            double score = 0;
            score += live(b, &b->in[x]) == 0 ? 1 : edge_entropy(b, &b->in[x], 0);
            score += live(b, &b->out[x]) == 0 ? 1 : edge_entropy(b, &b->out[x], b->flat[x]);
            c.score[x] = pv_wadd(pv_go_int64(score * (double)b->cum[x]), b->flat[x]);
        }
    }
    qsort_r(b->list, b->nlist, sizeof *b->list, cmp_node, &c);
    free(c.score);
    return 0;
}

/* pprof's edgeList order: heaviest first, then by source name, then by destination name. */
static int cmp_edge(const void *pa, const void *pb, void *vb)
{
    cgb *b = vb;
    const cg_edge *x = &b->et.e[*(const uint32_t *)pa], *y = &b->et.e[*(const uint32_t *)pb];
    if (x->w != y->w) {
        int64_t u = pv_abs64(x->w), v = pv_abs64(y->w);
        return u > v ? -1 : u < v ? 1 : 0;
    }
    int r = strcmp(cname(b, x->src), cname(b, y->src));
    if (r)
        return r;
    return strcmp(cname(b, x->dst), cname(b, y->dst));
}

/* The live edges of v, sorted; caller frees. */
static uint32_t *sorted_edges(cgb *b, const cg_vec *v, size_t *n)
{
    uint32_t *r = malloc((v->n ? v->n : 1) * sizeof *r);
    *n = 0;
    if (!r)
        return NULL;
    for (uint32_t i = 0; i < v->n; i++)
        if (!b->et.e[v->v[i]].dead)
            r[(*n)++] = v->v[i];
    if (*n > 1)
        qsort_r(r, *n, sizeof *r, cmp_edge, b);
    return r;
}

/* ---------- trimming ---------- */

static int ensure_edges(cgb *b)
{
    if (b->edges_valid)
        return 0;
    b->edges_valid = true;
    return cg_edges_pass(b, b->want_tags);
}

static int set_kept(cgb *b)
{
    if (!b->kept)
        b->kept = malloc(b->n ? b->n : 1);
    if (!b->kept)
        return -1;
    memset(b->kept, 0, b->n ? b->n : 1);
    for (size_t i = 0; i < b->nlist; i++)
        b->kept[b->info[b->list[i]]] = 1;
    b->edges_valid = false;
    return 0;
}

static size_t trim_edges(cgb *b, int64_t cut)
{
    size_t dropped = 0;
    for (size_t i = 0; i < b->nlist; i++) {
        const cg_vec *v = &b->in[b->list[i]];
        for (uint32_t k = 0; k < v->n; k++) {
            cg_edge *e = &b->et.e[v->v[k]];
            if (!e->dead && pv_abs64(e->w) < cut) {
                e->dead = true;
                dropped++;
            }
        }
    }
    return dropped;
}

static void trim_tags(cgb *b, int64_t cut)
{
    if (!b->want_tags)
        return;
    for (size_t i = 0; i < b->nlist; i++) {
        cg_tags *t = &b->tags[b->list[i]];
        size_t w = 0;
        for (size_t k = 0; k < t->n; k++) {
            if (pv_abs64(t->t[k].flat) >= cut || pv_abs64(t->t[k].cum) >= cut)
                t->t[w++] = t->t[k];
            else
                free(t->t[k].name);
        }
        t->n = w;
    }
}

/* pprof's isRedundantEdge: the destination is reachable from the source without e. */
static bool redundant(cgb *b, uint32_t ei, uint32_t *seen, uint32_t mark, uint32_t *queue)
{
    const cg_edge *e = &b->et.e[ei];
    uint32_t src = e->src;
    size_t qh = 0, qt = 0;
    seen[e->dst] = mark;
    queue[qt++] = e->dst;
    while (qh < qt) {
        uint32_t n = queue[qh++];
        const cg_vec *v = &b->in[n];
        for (uint32_t k = 0; k < v->n; k++) {
            const cg_edge *ie = &b->et.e[v->v[k]];
            if (ie->dead || v->v[k] == ei || seen[ie->src] == mark)
                continue;
            if (ie->src == src)
                return true;
            seen[ie->src] = mark;
            queue[qt++] = ie->src;
        }
    }
    return false;
}

static int remove_redundant(cgb *b)
{
    uint32_t *seen = malloc((b->n ? b->n : 1) * sizeof *seen);
    uint32_t *queue = malloc((b->n ? b->n : 1) * sizeof *queue);
    if (!seen || !queue) {
        free(seen);
        free(queue);
        return -1;
    }
    memset(seen, 0xff, (b->n ? b->n : 1) * sizeof *seen);
    uint32_t mark = 0;
    for (size_t i = b->nlist; i > 0; i--) {
        size_t ne;
        uint32_t *in = sorted_edges(b, &b->in[b->list[i - 1]], &ne);
        if (!in) {
            free(seen);
            free(queue);
            return -1;
        }
        for (size_t j = ne; j > 0; j--) {
            cg_edge *e = &b->et.e[in[j - 1]];
            if (!e->residual)
                break;
            if (redundant(b, in[j - 1], seen, mark++, queue))
                e->dead = true;
        }
        free(in);
    }
    free(seen);
    free(queue);
    return 0;
}

/* pprof's TrimTree: nodes not kept are removed, their children hang from their parent
 * through residual edges. old/nold: the node list before the cut. */
static int trim_tree(cgb *b, const uint32_t *old, size_t nold, const uint8_t *keep)
{
    for (size_t i = 0; i < nold; i++) {
        uint32_t cur = old[i];
        if (keep[cur])
            continue;
        cg_edge *pe = NULL;
        uint32_t pei = 0;
        for (uint32_t k = 0; k < b->in[cur].n; k++)
            if (!b->et.e[b->in[cur].v[k]].dead) {
                pei = b->in[cur].v[k];
                pe = &b->et.e[pei];
            }
        cg_vec *out = &b->out[cur];
        if (!pe) {
            for (uint32_t k = 0; k < out->n; k++)
                b->et.e[out->v[k]].dead = true;
            continue;
        }
        uint32_t parent = pe->src;
        bool pinl = pe->inl;
        pe->dead = true;
        for (uint32_t k = 0; k < out->n; k++) {
            cg_edge *e = &b->et.e[out->v[k]];
            if (e->dead)
                continue;
            e->src = parent;
            e->residual = true;
            e->inl = pinl && e->inl;
            if (vec_add(&b->out[parent], out->v[k]) != 0)
                return -1;
        }
        out->n = 0;
        (void)pei;
    }
    return remove_redundant(b);
}

/* pprof's selectTopNodes: the number of nodes kept for nodecount. */
static size_t select_top(cgb *b, size_t max)
{
    if (b->visual) {
        size_t count = 0;
        for (size_t i = 0; i < b->nlist; i++) {
            size_t tags = 0;
            const cg_tags *t = &b->tags[b->list[i]];
            for (size_t k = 0; k < t->n; k++)
                tags += t->t[k].flat != 0;
            if (tags > 4)
                tags = 4;
            if ((count += tags + 1) >= max) {
                max = i + 1;
                break;
            }
        }
    }
    return max > b->nlist ? b->nlist : max;
}

/* Keeps list entries with keep[] set, in order. */
static size_t filter_list(cgb *b, const uint8_t *keep)
{
    size_t w = 0;
    for (size_t i = 0; i < b->nlist; i++)
        if (keep[b->list[i]])
            b->list[w++] = b->list[i];
    return w;
}

int cg_trim(cgb *b)
{
    const pv_options *o = b->o;
    pv_callgraph *cg = b->cg;
    b->list = malloc((b->n ? b->n : 1) * sizeof *b->list);
    uint8_t *keep = calloc(b->n ? b->n : 1, 1);
    uint32_t *old = NULL;
    if (!b->list || !keep)
        goto oom;
    int64_t total_flat = 0;
    for (size_t i = 0; i < b->n; i++) {
        if (b->cum[i] == 0 && b->flat[i] == 0)
            continue;
        if (o->drop_negative && (b->flat[i] < 0 || (b->flat[i] == 0 && b->cum[i] < 0)))
            continue;
        b->list[b->nlist++] = (uint32_t)i;
        total_flat = pv_wadd(total_flat, b->flat[i]);
    }
    int64_t node_cut = pv_abs64(pv_go_int64((double)total_flat * o->nodefraction));
    int64_t edge_cut = pv_abs64(pv_go_int64((double)total_flat * o->edgefraction));
    old = malloc((b->nlist ? b->nlist : 1) * sizeof *old);
    if (!old)
        goto oom;
    if (node_cut > 0) {
        memset(keep, 0, b->n ? b->n : 1);
        for (size_t i = 0; i < b->nlist; i++)
            keep[b->list[i]] = pv_abs64(b->cum[b->list[i]]) >= node_cut;
        size_t nold = b->nlist;
        memcpy(old, b->list, nold * sizeof *old);
        size_t w = filter_list(b, keep);
        if (w != nold) {
            cg->dropped_nodes = nold - w;
            b->nlist = w;
            if (b->call_tree) {
                if (trim_tree(b, old, nold, keep) != 0)
                    goto oom;
            } else if (set_kept(b) != 0) {
                goto oom;
            }
        }
    }
    cg->orig_count = b->nlist;
    if (b->visual && ensure_edges(b) != 0)
        goto oom;
    if (sort_nodes(b) != 0)
        goto oom;
    if (o->nodecount > 0) {
        trim_tags(b, node_cut);
        size_t top = select_top(b, (size_t)o->nodecount);
        if (top < b->nlist) {
            if (b->call_tree) {
                trim_edges(b, edge_cut);
                size_t nold = b->nlist;
                memcpy(old, b->list, nold * sizeof *old);
                memset(keep, 0, b->n ? b->n : 1);
                for (size_t i = 0; i < top; i++)
                    keep[b->list[i]] = 1;
                b->nlist = top;
                if (trim_tree(b, old, nold, keep) != 0)
                    goto oom;
            } else {
                /* the graph is rebuilt over the top nodes: earlier edge cuts do not matter */
                b->nlist = top;
                if (set_kept(b) != 0 || ensure_edges(b) != 0)
                    goto oom;
            }
            if (sort_nodes(b) != 0)
                goto oom;
        } else {
            if (ensure_edges(b) != 0)
                goto oom;
            trim_edges(b, edge_cut);
        }
    }
    if (ensure_edges(b) != 0)
        goto oom;
    trim_tags(b, node_cut);
    cg->dropped_edges = trim_edges(b, edge_cut);
    if (b->visual && remove_redundant(b) != 0)
        goto oom;
    free(keep);
    free(old);
    return 0;
oom:
    free(keep);
    free(old);
    return -1;
}

/* ---------- export ---------- */

typedef struct {
    uint32_t parent, name, file, obj;
    int64_t start;
    uint32_t node;
} fn_key;

static int cmp_fn(const void *pa, const void *pb)
{
    const fn_key *x = pa, *y = pb;
#define C(f)                                                                                                           \
    if (x->f != y->f)                                                                                                  \
        return x->f < y->f ? -1 : 1;
    C(parent) C(name) C(file) C(obj) C(start) C(node)
#undef C
    return 0;
}

/* pprof's Node.Function: nodes of one function (name, file, object, start line; with
 * call_tree, under one parent) share an id. */
static int function_ids(cgb *b, pv_callgraph *cg)
{
    const pv_model *m = b->m;
    const pv_graph *g = b->g;
    cg->node_objfile = calloc(g->nnodes ? g->nnodes : 1, sizeof *cg->node_objfile);
    fn_key *k = malloc((cg->nnodes ? cg->nnodes : 1) * sizeof *k);
    if (!cg->node_objfile || !k) {
        free(k);
        return -1;
    }
    for (size_t li = 0; li < m->nlocations; li++) {
        const pv_location *loc = &m->locations[li];
        pv_strid obj = loc->mapping != PV_NONE && loc->mapping < m->nmappings ? m->mappings[loc->mapping].file : 0;
        for (uint32_t j = g->ln_off[li]; j < g->ln_off[li + 1]; j++)
            cg->node_objfile[g->ln[j]] = obj;
    }
    for (size_t i = 0; i < cg->nnodes; i++) {
        uint32_t c = b->list[i], info = b->info[c];
        const pv_node_info *ni = &g->info[info];
        k[i] = (fn_key){b->call_tree ? b->tparent[c] : 0, ni->name, ni->file, cg->node_objfile[info],
                        ni->function != PV_NONE ? m->functions[ni->function].start_line : ni->start_line, (uint32_t)i};
    }
    qsort(k, cg->nnodes, sizeof *k, cmp_fn);
    uint32_t id = 0;
    for (size_t i = 0; i < cg->nnodes; i++) {
        if (i && (k[i].parent != k[i - 1].parent || k[i].name != k[i - 1].name || k[i].file != k[i - 1].file ||
                  k[i].obj != k[i - 1].obj || k[i].start != k[i - 1].start))
            id++;
        cg->nodes[k[i].node].function = id;
    }
    free(k);
    return 0;
}

static char *output_unit(cgb *b)
{
    const pv_selection *s = b->s;
    const char *ou = b->o->unit ? b->o->unit : "minimum";
    if (strcmp(ou, "minimum") != 0 || b->nlist == 0)
        return strdup(ou);
    int64_t minv = 0;
    for (size_t i = 0; i < b->nlist; i++) {
        uint32_t c = b->list[i];
        int64_t v = pv_abs64(pv_div64(b->flat[c], b->flatdiv[c]));
        if (v == 0)
            v = pv_abs64(pv_div64(b->cum[c], b->cumdiv[c]));
        if (v > 0 && (minv == 0 || v < minv))
            minv = v;
    }
    if (b->cg->kind != PV_CG_CALLGRIND)
        return pv_selection_output_unit(s, minv);
    /* callgrind prints integers: no scaling of the minimum by 100 */
    int64_t maxv = s->total;
    if (minv == 0)
        minv = maxv;
    if (s->ratio > 0 && s->ratio != 1)
        minv = pv_go_int64((double)minv * s->ratio);
    char u[64];
    pv_scale(minv, s->sample_unit, "minimum", u, sizeof u);
    return strdup(*u ? u : s->sample_unit);
}

/* pprof's reportLabels. */
static void report_labels(pv_callgraph *cg, bool full)
{
    const pv_options *o = &cg->o;
    if (full || !o->compact_labels)
        pv_selection_header(cg->sel, cg->output_unit, &cg->labels, &cg->nlabels);
    pv_selection_filters_header(cg->sel, &cg->labels, &cg->nlabels);
    int64_t flat_sum = 0;
    for (size_t i = 0; i < cg->nnodes; i++)
        flat_sum = pv_wadd(flat_sum, pv_cg_flat(&cg->nodes[i]));
    char v1[64], v2[64], pct[32];
    pv_callgraph_format(cg, flat_sum, v1, sizeof v1);
    pv_callgraph_format(cg, cg->total, v2, sizeof v2);
    pv_percentage(pct, sizeof pct, flat_sum, cg->total);
    const char *tp = pct;
    while (*tp == ' ')
        tp++;
    pv_strv_add(&cg->labels, &cg->nlabels, pv_asprintf("Showing nodes accounting for %s, %s of %s total", v1, tp, v2));
    if (cg->total != 0) {
        char cut[64];
        if (cg->dropped_nodes > 0) {
            pv_callgraph_format(cg, pv_abs64(pv_go_int64((double)cg->total * o->nodefraction)), cut, sizeof cut);
            pv_strv_add(&cg->labels, &cg->nlabels,
                        pv_asprintf("Dropped %zu node%s (cum <= %s)", cg->dropped_nodes, cg->dropped_nodes > 1 ? "s" : "",
                                    cut));
        }
        if (full && cg->dropped_edges > 0) {
            pv_callgraph_format(cg, pv_abs64(pv_go_int64((double)cg->total * o->edgefraction)), cut, sizeof cut);
            pv_strv_add(&cg->labels, &cg->nlabels,
                        pv_asprintf("Dropped %zu edge%s (freq <= %s)", cg->dropped_edges, cg->dropped_edges > 1 ? "s" : "",
                                    cut));
        }
        if (cg->nnodes > 0 && cg->nnodes < cg->orig_count)
            pv_strv_add(&cg->labels, &cg->nlabels,
                        pv_asprintf("Showing top %zu nodes out of %zu", cg->nnodes, cg->orig_count));
    }
    if (full)
        pv_strv_add(&cg->labels, &cg->nlabels, strdup("\nSee https://git.io/JfYMW for how to read the graph"));
}

int cg_export(cgb *b)
{
    pv_callgraph *cg = b->cg;
    const pv_model *m = b->m;
    cg->total = b->s->total;
    uint32_t *pos = malloc((b->n ? b->n : 1) * sizeof *pos);
    uint32_t *eidx = malloc((b->et.n ? b->et.n : 1) * sizeof *eidx);
    cg->nodes = calloc(b->nlist ? b->nlist : 1, sizeof *cg->nodes);
    cg->edges = malloc((b->et.n ? b->et.n : 1) * sizeof *cg->edges);
    if (!pos || !eidx || !cg->nodes || !cg->edges)
        goto oom;
    memset(pos, 0xff, (b->n ? b->n : 1) * sizeof *pos);
    for (size_t i = 0; i < b->nlist; i++)
        pos[b->list[i]] = (uint32_t)i;
    for (size_t i = 0; i < b->et.n; i++) {
        const cg_edge *e = &b->et.e[i];
        eidx[i] = UINT32_MAX;
        if (e->dead || (pos[e->src] == UINT32_MAX && pos[e->dst] == UINT32_MAX))
            continue;
        eidx[i] = (uint32_t)cg->nedges;
        cg->edges[cg->nedges++] = (pv_cg_edge){pos[e->src], pos[e->dst], b->info[e->src], b->info[e->dst],
                                               e->w,        e->wd,        e->residual,     e->inl};
    }
    cg->nnodes = b->nlist;
    for (size_t i = 0; i < b->nlist; i++) {
        uint32_t c = b->list[i];
        pv_cg_node *n = &cg->nodes[i];
        n->info = b->info[c];
        n->flat = b->flat[c];
        n->flatdiv = b->flatdiv[c];
        n->cum = b->cum[c];
        n->cumdiv = b->cumdiv[c];
        for (int dir = 0; dir < 2; dir++) {
            size_t ne;
            uint32_t *v = sorted_edges(b, dir ? &b->out[c] : &b->in[c], &ne);
            if (!v)
                goto oom;
            size_t w = 0;
            for (size_t k = 0; k < ne; k++) {
                const cg_edge *e = &b->et.e[v[k]];
                if ((dir ? e->src : e->dst) == c) /* a re-sourced edge stays in its old list */
                    v[w++] = eidx[v[k]];
            }
            if (dir)
                n->out = v, n->nout = w;
            else
                n->in = v, n->nin = w;
        }
        if (b->want_tags) {
            n->tags = b->tags[c].t;
            n->ntags = b->tags[c].n;
            b->tags[c].t = NULL;
            b->tags[c].n = b->tags[c].cap = 0;
        }
    }
    cg->label_sets = b->ls;
    cg->nlabel_sets = b->nls;
    b->ls = NULL;
    b->nls = 0;
    if (function_ids(b, cg) != 0)
        goto oom;
    cg->output_unit = output_unit(b);
    if (!cg->output_unit)
        goto oom;
    if (m->nmappings > 0 && m->mappings[0].file) {
        const char *f = pv_str(m, m->mappings[0].file);
        size_t l = strlen(f) + 1;
        char *buf = malloc(l);
        if (!buf)
            goto oom;
        cg->title = strdup(pv_path_base(f, buf, l));
        free(buf);
    }
    report_labels(cg, cg->kind == PV_CG_DOT);
    free(pos);
    free(eidx);
    return 0;
oom:
    free(pos);
    free(eidx);
    return -1;
}

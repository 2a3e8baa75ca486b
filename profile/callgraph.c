/* The call graph of a report: pprof's newTrimmedGraph (report.go) with its graph.New,
 * newTree, TrimTree, TrimLowFrequencyTags/Edges, SelectTopNodes, EntropyOrder and
 * RemoveRedundantEdges (graph.go).
 *
 * Candidate nodes are the graph's nodes (or, with call_tree, one per call path). The
 * values of a node do not change when pprof rebuilds the graph over a smaller node set;
 * only the edges do, so a rebuild here is one more pass over the samples for the edges
 * (residual where trimmed nodes were skipped). */
#include "profile/callgraph.h"

#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "profile/measure.h"
#include "profile/util.h"

#include "profile/callgraph_int.h"

/* ---------- small vectors ---------- */

static int grow(void **p, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return 0;
    size_t nc = *cap ? *cap : 64;
    while (nc < need)
        nc *= 2;
    void *np = realloc(*p, nc * elem);
    if (!np)
        return -1;
    memset((char *)np + *cap * elem, 0, (nc - *cap) * elem);
    *p = np;
    *cap = nc;
    return 0;
}

/* ---------- edges ---------- */

static size_t pair_hash(uint32_t a, uint32_t b, size_t n)
{
    uint64_t x = (uint64_t)a << 32 | b;
    x ^= x >> 31;
    x *= 0x9E3779B97F4A7C15ull;
    x ^= x >> 29;
    return (size_t)(x & (n - 1));
}

static void etab_free(cg_etab *t)
{
    free(t->e);
    free(t->slots);
    free(t->last);
    memset(t, 0, sizeof *t);
}

/* The edge src -> dst (created: weight 0, inline, not residual). Index, or UINT32_MAX. */
static uint32_t etab_get(cg_etab *t, uint32_t src, uint32_t dst)
{
    if ((t->n + 1) * 2 > t->nslots) {
        size_t ns = t->nslots ? t->nslots * 2 : 1024;
        uint32_t *sl = malloc(ns * sizeof *sl);
        if (!sl)
            return UINT32_MAX;
        memset(sl, 0xff, ns * sizeof *sl);
        for (size_t i = 0; i < t->n; i++) {
            size_t j = pair_hash(t->e[i].src, t->e[i].dst, ns);
            while (sl[j] != UINT32_MAX)
                j = (j + 1) & (ns - 1);
            sl[j] = (uint32_t)i;
        }
        free(t->slots);
        t->slots = sl;
        t->nslots = ns;
    }
    size_t j = pair_hash(src, dst, t->nslots);
    while (t->slots[j] != UINT32_MAX) {
        cg_edge *e = &t->e[t->slots[j]];
        if (e->src == src && e->dst == dst)
            return t->slots[j];
        j = (j + 1) & (t->nslots - 1);
    }
    if (grow((void **)&t->e, &t->cap, t->n + 1, sizeof *t->e) != 0)
        return UINT32_MAX;
    t->e[t->n] = (cg_edge){.src = src, .dst = dst, .stamp = UINT32_MAX, .inl = true};
    t->slots[j] = (uint32_t)t->n;
    return (uint32_t)t->n++;
}

/* pprof's AddToEdgeDiv, once per sample (stamp). */
static int edge_add(cg_etab *t, uint32_t src, uint32_t dst, int64_t dw, int64_t w, bool residual, bool inl,
                    uint32_t stamp)
{
    uint32_t c = t->last ? t->last[dst] : UINT32_MAX;
    uint32_t idx = c != UINT32_MAX && c < t->n && t->e[c].src == src && t->e[c].dst == dst ? c : etab_get(t, src, dst);
    if (idx == UINT32_MAX)
        return -1;
    if (t->last)
        t->last[dst] = idx;
    cg_edge *e = &t->e[idx];
    if (e->stamp == stamp)
        return 0;
    e->stamp = stamp;
    e->w = pv_wadd(e->w, w);
    e->wd = pv_wadd(e->wd, dw);
    if (residual)
        e->residual = true;
    if (!inl)
        e->inl = false;
    return 0;
}

/* ---------- tags ---------- */

static uint64_t fnv(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

static uint32_t labelset_intern(cgb *b, const char *s)
{
    if ((b->nls + 1) * 2 > b->nlslots) {
        size_t ns = b->nlslots ? b->nlslots * 2 : 256;
        uint32_t *sl = malloc(ns * sizeof *sl);
        if (!sl)
            return UINT32_MAX;
        memset(sl, 0xff, ns * sizeof *sl);
        for (size_t i = 0; i < b->nls; i++) {
            size_t j = fnv(b->ls[i]) & (ns - 1);
            while (sl[j] != UINT32_MAX)
                j = (j + 1) & (ns - 1);
            sl[j] = (uint32_t)i;
        }
        free(b->lslots);
        b->lslots = sl;
        b->nlslots = ns;
    }
    size_t j = fnv(s) & (b->nlslots - 1);
    while (b->lslots[j] != UINT32_MAX) {
        if (!strcmp(b->ls[b->lslots[j]], s))
            return b->lslots[j];
        j = (j + 1) & (b->nlslots - 1);
    }
    if (grow((void **)&b->ls, &b->capls, b->nls + 1, sizeof *b->ls) != 0)
        return UINT32_MAX;
    b->ls[b->nls] = strdup(s);
    if (!b->ls[b->nls])
        return UINT32_MAX;
    b->lslots[j] = (uint32_t)b->nls;
    return (uint32_t)b->nls++;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* pprof's joinLabels for every selected sample: its string labels "k:v", sorted, joined by
 * a literal backslash-n. */
static int sample_labelsets(cgb *b)
{
    const pv_model *m = b->m;
    const pv_selection *s = b->s;
    b->sample_ls = calloc(s->nsel ? s->nsel : 1, sizeof *b->sample_ls);
    if (!b->sample_ls || labelset_intern(b, "") != 0)
        return -1;
    char **parts = NULL;
    size_t cap = 0;
    for (size_t i = 0; i < s->nsel; i++) {
        uint32_t sm = s->sel[i];
        size_t np = 0, len = 1;
        for (uint64_t k = m->label_off[sm]; k < m->label_off[sm + 1]; k++) {
            const pv_label *l = &m->labels[k];
            if (!l->str || !pv_selection_label_shown(s, l->key))
                continue;
            if (grow((void **)&parts, &cap, np + 1, sizeof *parts) != 0)
                goto oom;
            parts[np] = pv_asprintf("%s:%s", pv_str(m, l->key), pv_str(m, l->str));
            if (!parts[np])
                goto oom;
            len += strlen(parts[np]) + 2;
            np++;
        }
        if (!np)
            continue;
        qsort(parts, np, sizeof *parts, cmp_str);
        char *joined = malloc(len);
        if (!joined)
            goto oom;
        joined[0] = 0;
        size_t w = 0;
        for (size_t p = 0; p < np; p++) {
            size_t l = strlen(parts[p]);
            if (p) {
                memcpy(joined + w, "\\n", 2);
                w += 2;
            }
            memcpy(joined + w, parts[p], l);
            w += l;
            free(parts[p]);
        }
        joined[w] = 0;
        uint32_t id = labelset_intern(b, joined);
        free(joined);
        if (id == UINT32_MAX) {
            np = 0;
            goto oom;
        }
        b->sample_ls[i] = id;
        continue;
    oom:
        for (size_t p = 0; p < np; p++)
            free(parts[p]);
        free(parts);
        return -1;
    }
    free(parts);
    return 0;
}

static pv_cg_tag *tag_find(cg_tags *t, uint32_t ls, const char *unit, int64_t value, const char *name)
{
    for (size_t i = 0; i < t->n; i++) {
        pv_cg_tag *x = &t->t[i];
        if (x->labels != ls || (x->unit == NULL) != (unit == NULL))
            continue;
        if (!unit || x->value == value || (name && !strcmp(x->name, name)))
            return x;
    }
    return NULL;
}

static pv_cg_tag *tag_add(cg_tags *t, uint32_t ls, const char *unit, int64_t value, const char *name)
{
    if (grow((void **)&t->t, &t->cap, t->n + 1, sizeof *t->t) != 0)
        return NULL;
    pv_cg_tag *x = &t->t[t->n];
    memset(x, 0, sizeof *x);
    x->name = strdup(name);
    if (!x->name)
        return NULL;
    x->unit = unit;
    x->value = value;
    x->labels = ls;
    t->n++;
    return x;
}

static void tag_count(pv_cg_tag *x, int64_t dw, int64_t w, bool flat)
{
    if (flat) {
        x->flatdiv = pv_wadd(x->flatdiv, dw);
        x->flat = pv_wadd(x->flat, w);
    } else {
        x->cumdiv = pv_wadd(x->cumdiv, dw);
        x->cum = pv_wadd(x->cum, w);
    }
}

/* pprof's addSample for the tags of node n and selected sample i. */
static int tags_add_sample(cgb *b, uint32_t n, size_t i, int64_t dw, int64_t w, bool flat)
{
    cg_tags *t = &b->tags[n];
    uint32_t ls = b->sample_ls[i];
    if (ls) {
        pv_cg_tag *x = tag_find(t, ls, NULL, 0, NULL);
        if (!x)
            x = tag_add(t, ls, NULL, 0, b->ls[ls]);
        if (!x)
            return -1;
        tag_count(x, dw, w, flat);
    }
    const pv_model *m = b->m;
    uint32_t sm = b->s->sel[i];
    for (uint64_t k = m->label_off[sm]; k < m->label_off[sm + 1]; k++) {
        const pv_label *l = &m->labels[k];
        if (l->str || l->key != b->bytes_key || !pv_selection_label_shown(b->s, l->key))
            continue;
        const char *unit = pv_selection_label_unit(b->s, l->key);
        pv_cg_tag *x = tag_find(t, ls, unit, l->num, NULL);
        if (!x) {
            char name[128];
            pv_scaled_label(name, sizeof name, l->num, unit, b->o->unit ? b->o->unit : "minimum");
            x = tag_find(t, ls, unit, INT64_MIN, name);
            if (x && x->value != l->num && strcmp(x->name, name))
                x = NULL;
            if (!x)
                x = tag_add(t, ls, unit, l->num, name);
        }
        if (!x)
            return -1;
        tag_count(x, dw, w, flat);
    }
    return 0;
}

/* ---------- passes over the samples ---------- */

/* pprof's newGraph with KeptNodes (b->kept, NULL: every node): the edges, residual where
 * nodes that are not kept were skipped; with tags, the tags of the kept nodes. */
int cg_edges_pass(cgb *b, bool with_tags)
{
    const pv_model *m = b->m;
    const pv_selection *s = b->s;
    const pv_graph *g = b->g;
    etab_free(&b->et);
    b->et.last = malloc((b->n ? b->n : 1) * sizeof *b->et.last);
    if (!b->et.last)
        return -1;
    memset(b->et.last, 0xff, (b->n ? b->n : 1) * sizeof *b->et.last);
    uint32_t *seen = NULL;
    if (with_tags) {
        for (size_t i = 0; i < b->n; i++)
            cg_tags_clear(&b->tags[i]);
        seen = malloc((b->n ? b->n : 1) * sizeof *seen);
        if (!seen)
            return -1;
        memset(seen, 0xff, (b->n ? b->n : 1) * sizeof *seen);
    }
    const uint8_t *kept = b->kept, *only = b->only;
    for (size_t i = 0; i < s->nsel; i++) {
        int64_t w = pv_selection_value(s, i), dw = pv_selection_divisor(s, i);
        if (w == 0 && dw == 0)
            continue;
        uint64_t sb, se;
        pv_selection_stack(s, i, &sb, &se);
        uint32_t parent = PV_NONE, stamp = (uint32_t)i;
        bool residual = false;
        for (uint64_t k = se; k-- > sb;) {
            uint32_t li = m->stack[k];
            uint32_t nb = g->ln_off[li], ne = g->ln_off[li + 1];
            for (uint32_t ni = ne; ni-- > nb;) {
                uint32_t n = g->ln[ni];
                if (kept && !kept[n]) {
                    residual = true;
                    continue;
                }
                if (seen && seen[n] != stamp) {
                    seen[n] = stamp;
                    if (tags_add_sample(b, n, i, dw, w, false) != 0)
                        goto oom;
                }
                if (parent != PV_NONE && n != parent && (!only || only[parent] || only[n]) &&
                    edge_add(&b->et, parent, n, dw, w, residual, ni != ne - 1, stamp) != 0)
                    goto oom;
                parent = n;
                residual = false;
            }
        }
        if (seen && parent != PV_NONE && !residual && tags_add_sample(b, parent, i, dw, w, true) != 0)
            goto oom;
    }
    free(seen);
    return cg_adjacency(b);
oom:
    free(seen);
    return -1;
}

/* Node of call path (parent, info), created if new. */
static uint32_t tree_node(cgb *b, uint32_t parent, uint32_t info)
{
    if ((b->n + 1) * 2 > b->ntslots) {
        size_t ns = b->ntslots ? b->ntslots * 2 : 1024;
        uint32_t *sl = malloc(ns * sizeof *sl);
        if (!sl)
            return UINT32_MAX;
        memset(sl, 0xff, ns * sizeof *sl);
        for (size_t i = 0; i < b->n; i++) {
            size_t j = pair_hash(b->tparent[i], b->info[i], ns);
            while (sl[j] != UINT32_MAX)
                j = (j + 1) & (ns - 1);
            sl[j] = (uint32_t)i;
        }
        free(b->tslots);
        b->tslots = sl;
        b->ntslots = ns;
    }
    size_t j = pair_hash(parent, info, b->ntslots);
    while (b->tslots[j] != UINT32_MAX) {
        uint32_t c = b->tslots[j];
        if (b->tparent[c] == parent && b->info[c] == info)
            return c;
        j = (j + 1) & (b->ntslots - 1);
    }
    if (cg_reserve(b, b->n + 1) != 0)
        return UINT32_MAX;
    uint32_t c = (uint32_t)b->n++;
    b->tparent[c] = parent;
    b->info[c] = info;
    b->tslots[j] = c;
    return c;
}

/* pprof's newTree: a node per call path, an edge from each node to its callee. */
static int tree_pass(cgb *b)
{
    const pv_model *m = b->m;
    const pv_selection *s = b->s;
    const pv_graph *g = b->g;
    for (size_t i = 0; i < s->nsel; i++) {
        int64_t w = pv_selection_value(s, i), dw = pv_selection_divisor(s, i);
        if (w == 0 && dw == 0)
            continue;
        uint64_t sb, se;
        pv_selection_stack(s, i, &sb, &se);
        uint32_t parent = PV_NONE;
        for (uint64_t k = se; k-- > sb;) {
            uint32_t li = m->stack[k];
            uint32_t nb = g->ln_off[li], ne = g->ln_off[li + 1];
            for (uint32_t ni = ne; ni-- > nb;) {
                uint32_t n = tree_node(b, parent, g->ln[ni]);
                if (n == UINT32_MAX)
                    return -1;
                b->cum[n] = pv_wadd(b->cum[n], w);
                b->cumdiv[n] = pv_wadd(b->cumdiv[n], dw);
                if (b->want_tags && tags_add_sample(b, n, i, dw, w, false) != 0)
                    return -1;
                if (parent != PV_NONE && edge_add(&b->et, parent, n, dw, w, false, ni != ne - 1, (uint32_t)i) != 0)
                    return -1;
                parent = n;
            }
        }
        if (parent != PV_NONE) {
            b->flat[parent] = pv_wadd(b->flat[parent], w);
            b->flatdiv[parent] = pv_wadd(b->flatdiv[parent], dw);
            if (b->want_tags && tags_add_sample(b, parent, i, dw, w, true) != 0)
                return -1;
        }
    }
    return 0;
}

/* ---------- building ---------- */

static int setup_graph_nodes(cgb *b)
{
    const pv_graph *g = b->g;
    if (cg_reserve(b, g->nnodes) != 0)
        return -1;
    b->n = g->nnodes;
    for (size_t i = 0; i < g->nnodes; i++) {
        b->info[i] = (uint32_t)i;
        b->flat[i] = g->flat[i];
        b->flatdiv[i] = g->flatdiv[i];
        b->cum[i] = g->cum[i];
        b->cumdiv[i] = g->cumdiv[i];
    }
    return 0;
}

/* pprof's command overrides (driver.applyCommandOverrides) for the kind. */
static void overrides(pv_options *o, pv_cg_kind kind)
{
    bool trim = o->trim;
    if (kind == PV_CG_PEEK)
        trim = false;
    else if (o->nodecount == -1)
        o->nodecount = 80;
    if (kind == PV_CG_CALLGRIND) {
        trim = false;
        o->granularity = PV_GRAN_ADDRESSES;
        o->noinlines = false;
    }
    if (!trim) {
        o->nodecount = 0;
        o->nodefraction = 0;
        o->edgefraction = 0;
    }
}

pv_callgraph *pv_callgraph_build(const pv_model *m, const pv_options *opts, pv_cg_kind kind, char *err, size_t errlen)
{
    return pv_callgraph_build_only(m, opts, kind, NULL, err, errlen);
}

/* The steps after the selection and graph: candidates, trimming, export. only_rx or
 * only_node (PV_NONE: none) restrict the edges to those touching the matching nodes. */
static int finish(pv_callgraph *cg, const pv_regex *only_rx, uint32_t only_node, char *err, size_t errlen)
{
    cgb b;
    memset(&b, 0, sizeof b);
    const pv_model *m = cg->sel->m;
    pv_options *o = &cg->o;
    pv_cg_kind kind = cg->kind;
    b.cg = cg;
    b.m = m;
    b.s = cg->sel;
    b.g = cg->graph;
    b.o = o;
    b.visual = kind == PV_CG_DOT;
    b.call_tree = o->call_tree && (kind == PV_CG_DOT || kind == PV_CG_CALLGRIND);
    b.want_tags = kind == PV_CG_DOT;
    if (b.want_tags) {
        size_t ns = pv_nstrings(m);
        b.bytes_key = PV_NONE;
        for (size_t i = 0; i < ns; i++)
            if (!strcmp(pv_str(m, (pv_strid)i), "bytes")) {
                b.bytes_key = (pv_strid)i;
                break;
            }
        if (sample_labelsets(&b) != 0)
            goto oom;
    }
    if ((only_rx || only_node != PV_NONE) && !b.call_tree) {
        size_t nn = cg->graph->nnodes;
        b.only = calloc(nn ? nn : 1, 1);
        if (!b.only)
            goto oom;
        if (only_node != PV_NONE && only_node < nn)
            b.only[only_node] = 1;
        for (size_t i = 0; only_rx && i < nn; i++)
            b.only[i] = pv_regex_match(only_rx, pv_graph_node_name(cg->graph, (uint32_t)i));
    }
    if (b.call_tree) {
        if (tree_pass(&b) != 0 || cg_adjacency(&b) != 0)
            goto oom;
        b.edges_valid = true;
    } else if (setup_graph_nodes(&b) != 0) {
        goto oom;
    }
    if (cg_trim(&b) != 0 || cg_export(&b) != 0)
        goto oom;
    cg_builder_free(&b);
    return 0;
oom:
    snprintf(err, errlen, "out of memory");
    cg_builder_free(&b);
    return -1;
}

static pv_callgraph *new_cg(const pv_options *opts, pv_cg_kind kind, char *err, size_t errlen)
{
    pv_callgraph *cg = calloc(1, sizeof *cg);
    if (!cg || pv_options_copy(&cg->o, opts) != 0) {
        if (cg)
            pv_options_free(&cg->o);
        free(cg);
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    cg->kind = kind;
    overrides(&cg->o, kind);
    return cg;
}

pv_callgraph *pv_callgraph_build_only(const pv_model *m, const pv_options *opts, pv_cg_kind kind, const pv_regex *only,
                                      char *err, size_t errlen)
{
    pv_callgraph *cg = new_cg(opts, kind, err, errlen);
    if (!cg)
        return NULL;
    pv_options *o = &cg->o;
    cg->sel = pv_selection_build(m, o, err, errlen);
    if (!cg->sel)
        goto fail;
    cg->graph = pv_graph_build(cg->sel, o->granularity, o->noinlines, err, errlen);
    if (!cg->graph || finish(cg, only, PV_NONE, err, errlen) != 0)
        goto fail;
    return cg;
fail:
    pv_callgraph_free(cg);
    return NULL;
}

pv_callgraph *pv_callgraph_build_node(pv_selection *s, pv_graph *g, uint32_t node, char *err, size_t errlen)
{
    pv_callgraph *cg = new_cg(&s->o, PV_CG_PEEK, err, errlen);
    if (!cg)
        return NULL;
    cg->sel = s;
    cg->graph = g;
    cg->borrowed = true;
    if (finish(cg, NULL, node, err, errlen) != 0) {
        pv_callgraph_free(cg);
        return NULL;
    }
    return cg;
}

void pv_callgraph_free(pv_callgraph *cg)
{
    if (!cg)
        return;
    for (size_t i = 0; i < cg->nnodes; i++) {
        free(cg->nodes[i].in);
        free(cg->nodes[i].out);
        for (size_t t = 0; t < cg->nodes[i].ntags; t++)
            free(cg->nodes[i].tags[t].name);
        free(cg->nodes[i].tags);
    }
    free(cg->nodes);
    free(cg->edges);
    pv_strv_free(cg->label_sets, cg->nlabel_sets);
    pv_strv_free(cg->labels, cg->nlabels);
    free(cg->output_unit);
    free(cg->title);
    free(cg->node_objfile);
    if (!cg->borrowed) {
        pv_graph_free(cg->graph);
        pv_selection_free(cg->sel);
    }
    pv_options_free(&cg->o);
    free(cg);
}

void pv_callgraph_format(const pv_callgraph *cg, int64_t v, char *out, size_t len)
{
    pv_selection_format(cg->sel, cg->output_unit, v, out, len);
}

const char *pv_callgraph_info_name(const pv_callgraph *cg, uint32_t info)
{
    return pv_graph_node_name(cg->graph, info);
}

const char *pv_callgraph_name(const pv_callgraph *cg, uint32_t i)
{
    return pv_graph_node_name(cg->graph, cg->nodes[i].info);
}

int64_t pv_cg_flat(const pv_cg_node *n)
{
    return pv_div64(n->flat, n->flatdiv);
}

int64_t pv_cg_cum(const pv_cg_node *n)
{
    return pv_div64(n->cum, n->cumdiv);
}

int64_t pv_cg_weight(const pv_cg_edge *e)
{
    return pv_div64(e->weight, e->weightdiv);
}

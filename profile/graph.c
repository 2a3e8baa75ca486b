/* The graph: nodes by granularity, flat/cum counted once per sample, edges.
 *
 * Nodes are created once per (location, surviving line) for the granularity; one linear
 * pass over the selected samples adds flat and cum, counting a node once per sample (a
 * stamp per node); another, when asked, the edges between kept nodes (graph_edges.c).
 * Large selections are split over two
 * threads whose sums are added (flat, cum and edge weights are sums over samples; an
 * edge's inline flag is an AND over samples). */
#include "profile/graph.h"
#include "profile/graph_int.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "profile/util.h"


/* ---------- nodes ---------- */

static uint64_t info_hash(const pv_node_info *k)
{
    uint64_t h = k->name * 0x9E3779B97F4A7C15ull;
    h ^= (k->file + 0x632BE59BD9B4E019ull) * 0xC2B2AE3D27D4EB4Full;
    h ^= (k->objfile + 7) * 0x165667B19E3779F9ull;
    h ^= k->address * 0xD6E8FEB86659FD93ull;
    h ^= (uint64_t)k->lineno * 0xFF51AFD7ED558CCDull;
    h ^= (uint64_t)k->start_line * 0xC4CEB9FE1A85EC53ull;
    h ^= h >> 31;
    return h;
}

static bool info_eq(const pv_node_info *a, const pv_node_info *b)
{
    return a->name == b->name && a->file == b->file && a->objfile == b->objfile && a->address == b->address &&
           a->lineno == b->lineno && a->start_line == b->start_line;
}

static uint64_t info_hash_elem(const void *k) { return info_hash(k); }
static bool info_eq_elem(const void *a, const void *b) { return info_eq(a, b); }
static const pv_index_kind node_kind = {sizeof(pv_node_info), info_hash_elem, info_eq_elem};

static uint32_t node_intern(pv_graph *p, const pv_node_info *k)
{
    return pv_index_intern(&p->index, &node_kind, (void **)&p->info, &p->nnodes, &p->capnodes, k);
}

/* Cleaned file name index per function (0 = empty). */
static int make_files(pv_graph *p)
{
    const pv_model *m = p->m;
    p->fn_file = calloc(m->nfunctions ? m->nfunctions : 1, sizeof *p->fn_file);
    /* file names are interned in the model, so map model string id -> files index */
    size_t ns = pv_nstrings(m);
    uint32_t *by_str = calloc(ns, sizeof *by_str);
    p->files = malloc(sizeof *p->files);
    if (!p->fn_file || !by_str || !p->files) {
        free(by_str);
        return -1;
    }
    p->files[0] = strdup("");
    p->nfiles = 1;
    for (size_t i = 0; i < m->nfunctions; i++) {
        pv_strid fid = m->functions[i].filename;
        if (!fid)
            continue;
        if (!by_str[fid]) {
            char *c = pv_path_clean(pv_trim_source_path(pv_str(m, fid)));
            if (!c) {
                free(by_str);
                return -1;
            }
            if ((p->nfiles & (p->nfiles - 1)) == 0) { /* doubling at powers of two */
                char **nf = realloc(p->files, p->nfiles * 2 * sizeof *nf);
                if (!nf) {
                    free(c);
                    free(by_str);
                    return -1;
                }
                p->files = nf;
            }
            p->files[p->nfiles] = c;
            by_str[fid] = (uint32_t)p->nfiles++;
        }
        p->fn_file[i] = by_str[fid];
    }
    free(by_str);
    /* merge indices whose cleaned text is equal, so node identity follows the text */
    if (p->nfiles > 2) {
        /* sort-free dedup via a small hash on the cleaned text */
        size_t nslots = 1;
        while (nslots < p->nfiles * 2)
            nslots <<= 1;
        uint32_t *slots = malloc(nslots * sizeof *slots);
        uint32_t *canon = malloc(p->nfiles * sizeof *canon);
        if (!slots || !canon) {
            free(slots);
            free(canon);
            return -1;
        }
        memset(slots, 0xff, nslots * sizeof *slots);
        for (size_t i = 0; i < p->nfiles; i++) {
            uint64_t h = 1469598103934665603ull;
            for (const char *c = p->files[i]; *c; c++)
                h = (h ^ (unsigned char)*c) * 1099511628211ull;
            size_t j = h & (nslots - 1);
            while (slots[j] != UINT32_MAX && strcmp(p->files[slots[j]], p->files[i]) != 0)
                j = (j + 1) & (nslots - 1);
            if (slots[j] == UINT32_MAX)
                slots[j] = (uint32_t)i;
            canon[i] = slots[j];
        }
        for (size_t i = 0; i < m->nfunctions; i++)
            p->fn_file[i] = canon[p->fn_file[i]];
        free(slots);
        free(canon);
    }
    return 0;
}

/* pprof's nodeInfo after Aggregate for the granularity; one node per surviving line. */
static int create_nodes(pv_graph *p)
{
    const pv_model *m = p->m;
    bool inlines = !p->noinlines;
    bool function = true, filename = true, linenumber = true, address = true;
    switch (p->gran) {
    case PV_GRAN_ADDRESSES: break;
    case PV_GRAN_LINES: address = false; break;
    case PV_GRAN_FILES: function = false; linenumber = false; address = false; break;
    case PV_GRAN_FUNCTIONS: filename = false; linenumber = false; address = false; break;
    case PV_GRAN_FILEFUNCTIONS: linenumber = false; address = false; break;
    }
    if (make_files(p) != 0)
        return -1;
    size_t nloc = m->nlocations;
    p->ln_off = malloc((nloc + 1) * sizeof *p->ln_off);
    p->ln = malloc(((size_t)p->s->ll_off[nloc] + nloc + 1) * sizeof *p->ln);
    if (!p->ln_off || !p->ln)
        return -1;
    uint32_t w = 0;
    for (size_t i = 0; i < nloc; i++) {
        const pv_location *loc = &m->locations[i];
        p->ln_off[i] = w;
        if (p->s->hidden[i])
            continue;
        pv_strid objfile = 0;
        if (loc->mapping != PV_NONE && loc->mapping < m->nmappings)
            objfile = m->mappings[loc->mapping].file;
        uint64_t addr = address ? loc->address : 0;
        uint32_t b = p->s->ll_off[i], e = p->s->ll_off[i + 1];
        if (!inlines && e - b > 1)
            b = e - 1;
        if (b == e) {
            pv_node_info k = {0, 0, objfile, addr, 0, 0, PV_NONE};
            uint32_t n = node_intern(p, &k);
            if (n == PV_NONE)
                return -1;
            p->ln[w++] = n;
            continue;
        }
        for (uint32_t kk = b; kk < e; kk++) {
            const pv_line *ln = &m->lines[p->s->ll[kk]];
            const pv_function *fn = &m->functions[ln->function];
            pv_node_info k = {0, 0, 0, addr, 0, 0, PV_NONE};
            k.lineno = linenumber ? ln->line : 0;
            k.name = function ? fn->name : 0;
            k.function = ln->function;
            k.file = filename ? p->fn_file[ln->function] : 0;
            if (k.name == 0) {
                k.objfile = objfile;
                k.start_line = fn->start_line;
            }
            uint32_t n = node_intern(p, &k);
            if (n == PV_NONE)
                return -1;
            p->ln[w++] = n;
        }
    }
    p->ln_off[nloc] = w;
    p->lone = malloc((nloc ? nloc : 1) * sizeof *p->lone);
    if (!p->lone)
        return -1;
    for (size_t i = 0; i < nloc; i++)
        p->lone[i] = p->ln_off[i + 1] - p->ln_off[i] == 1 ? p->ln[p->ln_off[i]] : PV_NONE;
    size_t nn = p->nnodes ? p->nnodes : 1;
    p->inl_capable = calloc(nn, 1);
    /* the sums and stamps: set by each accumulate_values() */
    p->flat = malloc(nn * sizeof *p->flat);
    p->flatdiv = malloc(nn * sizeof *p->flatdiv);
    p->cum = malloc(nn * sizeof *p->cum);
    p->cumdiv = malloc(nn * sizeof *p->cumdiv);
    p->stamp = malloc(nn * sizeof *p->stamp);
    if (!p->inl_capable || !p->flat || !p->flatdiv || !p->cum || !p->cumdiv || !p->stamp)
        return -1;
    /* a node reached through an inline edge: any line of a location but its outermost */
    for (size_t i = 0; i < nloc; i++)
        for (uint32_t k = p->ln_off[i]; k + 1 < p->ln_off[i + 1]; k++)
            p->inl_capable[p->ln[k]] = 1;
    return 0;
}

/* ---------- graph accumulation ---------- */

/* Adds w (and dw to cumdiv when div) to the cum of node n unless the sample (stamp) has
 * added to it already (a recursive stack): under a mask, without a branch on it. */
static inline __attribute__((always_inline)) void add_cum(uint32_t n, uint32_t *stampv, uint32_t stamp, int64_t *cum,
                                                          int64_t *cumdiv, int64_t w, int64_t dw, const bool div)
{
    uint64_t fresh = -(uint64_t)(stampv[n] != stamp);
    stampv[n] = stamp;
    cum[n] = (int64_t)((uint64_t)cum[n] + ((uint64_t)w & fresh));
    if (div)
        cumdiv[n] = (int64_t)((uint64_t)cumdiv[n] + ((uint64_t)dw & fresh));
}

/* add_cum() for the nodes of frames [k, e) of the stack. */
static inline __attribute__((always_inline)) void add_frames(const pv_graph *p, uint64_t k, uint64_t e, uint32_t stamp,
                                                             int64_t w, int64_t dw, const bool div)
{
    const uint32_t *stack = p->m->stack, *lone = p->lone, *ln_off = p->ln_off, *ln = p->ln;
    uint32_t *stampv = p->stamp;
    int64_t *cum = p->cum, *cumdiv = p->cumdiv;
    for (; k < e; k++) {
        uint32_t li = stack[k], n1 = lone[li];
        if (n1 != PV_NONE) { /* most locations: one node */
            add_cum(n1, stampv, stamp, cum, cumdiv, w, dw, div);
            continue;
        }
        for (uint32_t ni = ln_off[li], ne = ln_off[li + 1]; ni < ne; ni++)
            add_cum(ln[ni], stampv, stamp, cum, cumdiv, w, dw, div);
    }
}

/* One pass over the selected samples: flat and cum, counting a node once per sample
 * (pprof's newGraph). */
static int accumulate_values(pv_graph *p, size_t lo, size_t hi)
{
    const pv_model *m = p->m;
    size_t nn = p->nnodes;
    memset(p->flat, 0, nn * sizeof *p->flat);
    memset(p->flatdiv, 0, nn * sizeof *p->flatdiv);
    memset(p->cum, 0, nn * sizeof *p->cum);
    memset(p->cumdiv, 0, nn * sizeof *p->cumdiv);
    memset(p->stamp, 0xff, nn * sizeof *p->stamp);
    const uint32_t *ln_off = p->ln_off, *ln = p->ln, *stack = m->stack;
    bool div = p->s->didx >= 0; /* else every dw is 0: cumdiv stays 0 */
    bool negative = false;
    for (size_t i = lo; i < hi; i++) {
        int64_t w, dw;
        uint64_t b, e;
        if (!pv_graph_sel_sample(p, i, &w, &dw, &b, &e))
            continue;
        negative |= w < 0;
        uint32_t stamp = (uint32_t)i;
        uint32_t leaf = PV_NONE; /* the first frame's first node (a hidden location has none) */
        for (uint64_t k = b; k < e && leaf == PV_NONE; k++)
            if (ln_off[stack[k]] != ln_off[stack[k] + 1])
                leaf = ln[ln_off[stack[k]]];
        if (div)
            add_frames(p, b, e, stamp, w, dw, true);
        else
            add_frames(p, b, e, stamp, w, 0, false);
        if (leaf != PV_NONE) {
            p->flat[leaf] = pv_wadd(p->flat[leaf], w);
            p->flatdiv[leaf] = pv_wadd(p->flatdiv[leaf], dw);
        }
    }
    p->negative = negative;
    return 0;
}

/* ---------- two threads ---------- */

/* Selections above this many samples are accumulated by two threads, each over half. */
#define PARALLEL_MIN_SAMPLES 100000

typedef struct {
    pv_graph *p;
    const uint8_t *want, *from;
    bool edges_only;
    size_t lo, hi;
    int rc;
} accum_job;

static void *accum_run(void *arg)
{
    accum_job *j = arg;
    j->rc = j->edges_only ? pv_graph_kept_pass(j->p, j->want, j->from, j->lo, j->hi)
                           : accumulate_values(j->p, j->lo, j->hi);
    return NULL;
}

/* accumulate_values() or accumulate_kept_edges() over the selection, split in two halves when it
 * is large: the second half goes to a copy of the state with accumulators of its own, which
 * are then added in. Flat, cum and edge weights are sums over samples, and the inline flag
 * of an edge is an AND over samples, so the halves combine exactly. */
static int accumulate(pv_graph *p, const uint8_t *want, const uint8_t *from, bool edges_only)
{
    size_t nsel = p->s->nsel;
    accum_job main_job = {p, want, from, edges_only, 0, nsel, 0};
    if (!pv_parallel_worth(nsel, PARALLEL_MIN_SAMPLES)) {
        accum_run(&main_job);
        return main_job.rc;
    }
    size_t nn = p->nnodes ? p->nnodes : 1, half = nsel / 2;
    pv_graph q = *p;
    q.edges = NULL;
    q.nedges = q.neslots = 0;
    q.ln_edge = NULL;
    q.flat = q.flatdiv = q.cum = q.cumdiv = NULL;
    q.stamp = NULL;
    int rc = -1;
    if (!edges_only) { /* the second half's sums (the kept pass has its own) */
        q.flat = malloc(nn * sizeof *q.flat);
        q.flatdiv = malloc(nn * sizeof *q.flatdiv);
        q.cum = malloc(nn * sizeof *q.cum);
        q.cumdiv = malloc(nn * sizeof *q.cumdiv);
        q.stamp = malloc(nn * sizeof *q.stamp);
        if (!q.flat || !q.flatdiv || !q.cum || !q.cumdiv || !q.stamp)
            goto out;
    }
    main_job.hi = half;
    accum_job second = {&q, want, from, edges_only, half, nsel, 0};
    pv_run_two(accum_run, &main_job, &second);
    if (main_job.rc != 0 || second.rc != 0)
        goto out;
    if (!edges_only)
        p->negative |= q.negative;
    if (!edges_only)
        for (size_t i = 0; i < p->nnodes; i++) {
            p->flat[i] = pv_wadd(p->flat[i], q.flat[i]);
            p->flatdiv[i] = pv_wadd(p->flatdiv[i], q.flatdiv[i]);
            p->cum[i] = pv_wadd(p->cum[i], q.cum[i]);
            p->cumdiv[i] = pv_wadd(p->cumdiv[i], q.cumdiv[i]);
        }
    for (size_t i = 0; i < q.neslots; i++) {
        const pv_edge *e2 = &q.edges[i];
        if (!e2->used)
            continue;
        pv_edge *e = pv_graph_edge_get(p, e2->src, e2->dst);
        if (!e)
            goto out;
        e->weight = pv_wadd(e->weight, e2->weight);
        e->inl = e->inl && e2->inl;
    }
    rc = 0;
out:
    free(q.flat);
    free(q.flatdiv);
    free(q.cum);
    free(q.cumdiv);
    free(q.stamp);
    free(q.edges);
    free(q.ln_edge);
    return rc;
}

/* ---------- names and ordering ---------- */

const char *pv_graph_node_name(pv_graph *p, uint32_t n)
{
    if (p->names[n])
        return p->names[n];
    const pv_model *m = p->m;
    const pv_node_info *k = &p->info[n];
    char addr[32] = "";
    const char *name = pv_str(m, k->name);
    const char *file = p->files[k->file];
    char *tailbuf = NULL;
    const char *tail;
    if (k->lineno != 0) {
        tailbuf = pv_asprintf("%s:%" PRId64, file, k->lineno);
        tail = tailbuf;
    } else if (*file) {
        tail = file;
    } else if (*name) {
        tail = NULL;
    } else if (k->objfile) {
        const char *obj = pv_str(m, k->objfile);
        size_t l = strlen(obj) + 2;
        char *b = malloc(l);
        tailbuf = b ? pv_asprintf("[%s]", pv_path_base(obj, b, l)) : NULL;
        free(b);
        tail = tailbuf ? tailbuf : "";
    } else {
        tail = "<unknown>";
    }
    if (k->address)
        snprintf(addr, sizeof addr, "%016" PRIx64, k->address);
    char *out = pv_asprintf("%s%s%s%s%s", addr, (*addr && (*name || tail)) ? " " : "", name,
                            (*name && tail) ? " " : "", tail ? tail : "");
    free(tailbuf);
    p->names[n] = out ? out : strdup("");
    return p->names[n];
}

/* fmt.Sprint(NodeInfo): the last tie-breaker of pprof's orders. */
static char *info_sprint(const pv_graph *p, uint32_t n)
{
    const pv_node_info *k = &p->info[n];
    return pv_asprintf("{%s  %" PRIu64 " %s %" PRId64 " %" PRId64 " %s}", pv_str(p->m, k->name), k->address,
                       p->files[k->file], k->start_line, k->lineno, pv_str(p->m, k->objfile));
}

static int cmp_info(const pv_graph *p, uint32_t a, uint32_t b)
{
    char *x = info_sprint(p, a), *y = info_sprint(p, b);
    int c = strcmp(x ? x : "", y ? y : "");
    free(x);
    free(y);
    return c;
}

static int cmp_nodes(uint32_t a, uint32_t b, pv_graph *p, bool cum)
{
    int64_t x = pv_abs64(cum ? p->cum[a] : p->flat[a]), y = pv_abs64(cum ? p->cum[b] : p->flat[b]);
    if (x != y)
        return x > y ? -1 : 1;
    int c = strcmp(pv_graph_node_name(p, a), pv_graph_node_name(p, b));
    if (c)
        return c;
    x = pv_abs64(cum ? p->flat[a] : p->cum[a]);
    y = pv_abs64(cum ? p->flat[b] : p->cum[b]);
    if (x != y)
        return x > y ? -1 : 1;
    return cmp_info(p, a, b);
}

static int cmp_flat(const void *pa, const void *pb, void *ctx)
{
    return cmp_nodes(*(const uint32_t *)pa, *(const uint32_t *)pb, ctx, false);
}

static int cmp_cum(const void *pa, const void *pb, void *ctx)
{
    return cmp_nodes(*(const uint32_t *)pa, *(const uint32_t *)pb, ctx, true);
}

void pv_graph_sort(pv_graph *p, uint32_t *nodes, size_t n, bool cum)
{
    if (n > 1)
        qsort_r(nodes, n, sizeof *nodes, cum ? cmp_cum : cmp_flat, p);
}

int64_t pv_graph_flat(const pv_graph *p, uint32_t n)
{
    return pv_div64(p->flat[n], p->flatdiv[n]);
}

int64_t pv_graph_cum(const pv_graph *p, uint32_t n)
{
    return pv_div64(p->cum[n], p->cumdiv[n]);
}

/* ---------- building ---------- */

pv_graph *pv_graph_build(const pv_selection *s, pv_granularity gran, bool noinlines, char *err, size_t errlen)
{
    pv_graph *g = calloc(1, sizeof *g);
    if (!g)
        goto oom;
    g->s = s;
    g->m = s->m;
    g->gran = gran;
    g->noinlines = noinlines;
    if (create_nodes(g) != 0)
        goto oom;
    g->names = calloc(g->nnodes ? g->nnodes : 1, sizeof *g->names);
    if (!g->names)
        goto oom;
    if (accumulate(g, NULL, NULL, false) != 0)
        goto oom;
    return g;
oom:
    snprintf(err, errlen, "out of memory");
    pv_graph_free(g);
    return NULL;
}

int pv_graph_kept_edges(pv_graph *g, const uint8_t *want, const uint8_t *from)
{
    if (want)
        return accumulate(g, want, from, true);
    uint8_t *all = malloc(g->nnodes ? g->nnodes : 1);
    if (!all)
        return -1;
    memset(all, 1, g->nnodes ? g->nnodes : 1);
    int rc = accumulate(g, all, from, true);
    free(all);
    return rc;
}

void pv_graph_free(pv_graph *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->nfiles; i++)
        free(p->files[i]);
    free(p->files);
    free(p->fn_file);
    if (p->names)
        for (size_t i = 0; i < p->nnodes; i++)
            free(p->names[i]);
    free(p->names);
    free(p->info);
    pv_index_free(&p->index);
    free(p->ln_off);
    free(p->lone);
    free(p->ln);
    free(p->inl_capable);
    free(p->flat);
    free(p->flatdiv);
    free(p->cum);
    free(p->cumdiv);
    free(p->stamp);
    free(p->kept);
    free(p->edges);
    free(p->ln_edge);
    free(p);
}

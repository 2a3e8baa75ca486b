/* pprof's Merge over the model (see compact.h): one walk over the samples in order, as
 * profileMerger.mapSample does, canonicalizing each entity on first sight. */
#include "profile/compact.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "profile/util.h"

/* An open-addressing set of model indices keyed by a hash; equality is the caller's. */
typedef struct {
    uint32_t *slot; /* index + 1, 0 = empty */
    uint64_t *hash;
    size_t n, cap;
} table;

static int table_init(table *t, size_t expected)
{
    size_t cap = 64;
    while (cap < expected * 2)
        cap <<= 1;
    t->slot = calloc(cap, sizeof *t->slot);
    t->hash = malloc(cap * sizeof *t->hash);
    t->cap = cap;
    t->n = 0;
    return t->slot && t->hash ? 0 : -1;
}

static void table_free(table *t)
{
    free(t->slot);
    free(t->hash);
}

typedef struct walker walker;
typedef bool (*eq_fn)(const walker *w, uint32_t a, uint32_t b);

/* The index equal to idx (by eq) already in t, else inserts idx and returns it. PV_NONE on
 * allocation failure. */
static uint32_t table_intern(table *t, const walker *w, uint64_t h, uint32_t idx, eq_fn eq)
{
    if ((t->n + 1) * 2 > t->cap) {
        table nt;
        if (table_init(&nt, t->cap) != 0) {
            table_free(&nt);
            return PV_NONE;
        }
        for (size_t i = 0; i < t->cap; i++) {
            if (!t->slot[i])
                continue;
            size_t j = t->hash[i] & (nt.cap - 1);
            while (nt.slot[j])
                j = (j + 1) & (nt.cap - 1);
            nt.slot[j] = t->slot[i];
            nt.hash[j] = t->hash[i];
        }
        nt.n = t->n;
        table_free(t);
        *t = nt;
    }
    size_t j = h & (t->cap - 1);
    while (t->slot[j]) {
        if (t->hash[j] == h && eq(w, t->slot[j] - 1, idx))
            return t->slot[j] - 1;
        j = (j + 1) & (t->cap - 1);
    }
    t->slot[j] = idx + 1;
    t->hash[j] = h;
    t->n++;
    return idx;
}

struct walker {
    const pv_model *m;
    const uint64_t *soff; /* the stacks pprof merged: as loaded, before drop_frames */
    const uint32_t *stk;
    uint32_t *fcan, *mcan, *lcan; /* canonical model index, PV_NONE before first sight */
    table ft, mt, lt, st;
    /* sorted labels of two samples being compared, and of the one being hashed */
    pv_label *la, *lb;
    size_t capa, capb;
};

static uint64_t mix(uint64_t h, uint64_t v)
{
    h ^= v + 0x9E3779B97F4A7C15ull + (h << 6) + (h >> 2);
    return h * 0xff51afd7ed558ccdull;
}

/* ---- functions ---- */

static bool fn_eq(const walker *w, uint32_t a, uint32_t b)
{
    const pv_function *x = &w->m->functions[a], *y = &w->m->functions[b];
    return x->start_line == y->start_line && x->name == y->name && x->system_name == y->system_name &&
           x->filename == y->filename;
}

static uint32_t fn_canon(walker *w, uint32_t fi)
{
    if (w->fcan[fi] != PV_NONE)
        return w->fcan[fi];
    const pv_function *f = &w->m->functions[fi];
    uint64_t h = mix(mix(mix(mix(1, (uint64_t)f->start_line), f->name), f->system_name), f->filename);
    return w->fcan[fi] = table_intern(&w->ft, w, pv_mix64(h), fi, fn_eq);
}

/* ---- mappings ---- */

static uint64_t map_size(const pv_mapping *mp)
{
    uint64_t size = mp->limit - mp->start;
    size = size + 0x1000 - 1;
    return size - size % 0x1000;
}

static pv_strid map_ident(const pv_mapping *mp)
{
    return mp->build_id ? mp->build_id : mp->file;
}

static bool map_eq(const walker *w, uint32_t a, uint32_t b)
{
    const pv_mapping *x = &w->m->mappings[a], *y = &w->m->mappings[b];
    return map_size(x) == map_size(y) && x->offset == y->offset && map_ident(x) == map_ident(y);
}

static uint32_t map_canon(walker *w, uint32_t mi)
{
    if (w->mcan[mi] != PV_NONE)
        return w->mcan[mi];
    const pv_mapping *mp = &w->m->mappings[mi];
    uint64_t h = mix(mix(mix(2, map_size(mp)), mp->offset), map_ident(mp));
    return w->mcan[mi] = table_intern(&w->mt, w, pv_mix64(h), mi, map_eq);
}

/* ---- locations ---- */

static bool loc_has_mapping(const pv_model *m, const pv_location *l)
{
    return l->mapping != PV_NONE && l->mapping < m->nmappings;
}

static uint64_t loc_rel_addr(const pv_model *m, const pv_location *l)
{
    return loc_has_mapping(m, l) ? l->address - m->mappings[l->mapping].start : l->address;
}

static bool loc_eq(const walker *w, uint32_t a, uint32_t b)
{
    const pv_model *m = w->m;
    const pv_location *x = &m->locations[a], *y = &m->locations[b];
    bool xm = loc_has_mapping(m, x), ym = loc_has_mapping(m, y);
    if (xm != ym || x->is_folded != y->is_folded || x->line_count != y->line_count ||
        loc_rel_addr(m, x) != loc_rel_addr(m, y))
        return false;
    if (xm && w->mcan[x->mapping] != w->mcan[y->mapping])
        return false;
    for (uint32_t k = 0; k < x->line_count; k++) {
        const pv_line *p = &m->lines[x->line_start + k], *q = &m->lines[y->line_start + k];
        if (p->line != q->line || w->fcan[p->function] != w->fcan[q->function])
            return false;
    }
    return true;
}

static uint32_t loc_canon(walker *w, uint32_t li)
{
    if (w->lcan[li] != PV_NONE)
        return w->lcan[li];
    const pv_model *m = w->m;
    const pv_location *l = &m->locations[li];
    uint64_t h = mix(mix(3, loc_rel_addr(m, l)), l->is_folded);
    if (loc_has_mapping(m, l)) {
        uint32_t mc = map_canon(w, l->mapping);
        if (mc == PV_NONE)
            return PV_NONE;
        h = mix(h, (uint64_t)mc + 1);
    }
    for (uint32_t k = 0; k < l->line_count; k++) {
        const pv_line *ln = &m->lines[l->line_start + k];
        uint32_t fc = fn_canon(w, ln->function);
        if (fc == PV_NONE)
            return PV_NONE;
        h = mix(mix(h, fc), (uint64_t)ln->line);
    }
    return w->lcan[li] = table_intern(&w->lt, w, pv_mix64(h), li, loc_eq);
}

/* ---- samples ---- */

/* The labels of sample s ordered as pprof's key sees them: string labels before numeric
 * ones, by key, values of one key in their order (a stable sort). */
static pv_label *sorted_labels(const pv_model *m, uint32_t s, pv_label **buf, size_t *cap, size_t *n)
{
    uint64_t b = m->label_off[s], e = m->label_off[s + 1];
    *n = (size_t)(e - b);
    if (*n > *cap) {
        pv_label *nb = realloc(*buf, *n * sizeof *nb);
        if (!nb)
            return NULL;
        *buf = nb;
        *cap = *n;
    }
    pv_label *a = *buf;
    for (size_t i = 0; i < *n; i++) {
        pv_label x = m->labels[b + i];
        size_t j = i;
        /* numeric labels have str == 0: order by (is numeric, key) */
        while (j > 0 && ((a[j - 1].str == 0) > (x.str == 0) ||
                         ((a[j - 1].str == 0) == (x.str == 0) && a[j - 1].key > x.key))) {
            a[j] = a[j - 1];
            j--;
        }
        a[j] = x;
    }
    return a;
}

static bool sample_eq(const walker *cw, uint32_t a, uint32_t b)
{
    walker *w = (walker *)cw; /* the label buffers are scratch space */
    const pv_model *m = w->m;
    uint64_t ab = w->soff[a], ae = w->soff[a + 1], bb = w->soff[b], be = w->soff[b + 1];
    if (ae - ab != be - bb || m->label_off[a + 1] - m->label_off[a] != m->label_off[b + 1] - m->label_off[b])
        return false;
    for (uint64_t k = 0; k < ae - ab; k++)
        if (w->lcan[w->stk[ab + k]] != w->lcan[w->stk[bb + k]])
            return false;
    size_t na, nb;
    pv_label *x = sorted_labels(m, a, &w->la, &w->capa, &na), *y = sorted_labels(m, b, &w->lb, &w->capb, &nb);
    if (na && (!x || !y))
        return false; /* out of memory: kept apart */
    for (size_t i = 0; i < na; i++)
        if (x[i].key != y[i].key || x[i].str != y[i].str || x[i].num != y[i].num || x[i].num_unit != y[i].num_unit)
            return false;
    return true;
}

static uint64_t sample_hash(walker *w, uint32_t s, int *oom)
{
    const pv_model *m = w->m;
    uint64_t h = 4;
    for (uint64_t k = w->soff[s]; k < w->soff[s + 1]; k++)
        h = mix(h, w->lcan[w->stk[k]]);
    size_t n;
    pv_label *l = sorted_labels(m, s, &w->la, &w->capa, &n);
    if (n && !l) {
        *oom = 1;
        return 0;
    }
    for (size_t i = 0; i < n; i++)
        h = mix(mix(mix(mix(h, l[i].key), l[i].str), (uint64_t)l[i].num), l[i].num_unit);
    return pv_mix64(h);
}

static void walker_free(walker *w)
{
    free(w->fcan);
    free(w->mcan);
    free(w->lcan);
    table_free(&w->ft);
    table_free(&w->mt);
    table_free(&w->lt);
    table_free(&w->st);
    free(w->la);
    free(w->lb);
}

void pv_compact_free(pv_compact *c)
{
    if (!c)
        return;
    free(c->cls);
    free(c->rep);
    free(c->vals);
    free(c->keep);
    free(c->loc_id);
    free(c->map_id);
    free(c->fn_id);
    free(c->locs);
    free(c->maps);
    free(c->fns);
    free(c->locs_addr);
    free(c);
}

uint64_t pv_compact_loc_mapping_id(const pv_compact *c, uint32_t li)
{
    const pv_location *l = &c->m->locations[li];
    return loc_has_mapping(c->m, l) ? c->map_id[l->mapping] : 0;
}

/* Merged ids for the functions of location l's lines not numbered yet, in line order. */
static void number_functions(pv_compact *c, const walker *w, const pv_location *l)
{
    for (uint32_t i = 0; i < l->line_count; i++) {
        uint32_t F = w->fcan[c->m->lines[l->line_start + i].function];
        if (!c->fn_id[F]) {
            c->fn_id[F] = ++c->nfns;
            c->fns[c->nfns - 1] = F;
        }
    }
}

/* Merged ids in walk order over the kept classes (pprof numbers entities as the merge meets
 * them; when a class sums to zero pprof merges again, which numbers only the kept ones). */
static void assign_ids(pv_compact *c, const walker *w)
{
    const pv_model *m = c->m;
    if (m->nmappings > 0) {
        c->map_id[w->mcan[0]] = ++c->nmaps;
        c->maps[c->nmaps - 1] = w->mcan[0];
    }
    /* tagroot/tagleaf's pseudo locations (after the base model's) are made after the merge:
     * pprof numbers them after every other, in the order they were made */
    size_t nreal = m->base ? m->base->nlocations : m->nlocations;
    for (size_t k = 0; k < c->nclasses; k++) {
        if (!c->keep[k])
            continue;
        uint32_t s = c->rep[k];
        for (uint64_t j = w->soff[s]; j < w->soff[s + 1]; j++) {
            uint32_t L = w->lcan[w->stk[j]];
            if (c->loc_id[L])
                continue;
            if (L >= nreal) {
                c->loc_id[L] = UINT64_MAX; /* numbered below */
                continue;
            }
            const pv_location *l = &m->locations[L];
            uint64_t addr = l->address;
            if (loc_has_mapping(m, l)) {
                uint32_t M = w->mcan[l->mapping];
                if (!c->map_id[M]) {
                    c->map_id[M] = ++c->nmaps;
                    c->maps[c->nmaps - 1] = M;
                }
                addr = addr - m->mappings[l->mapping].start + m->mappings[M].start;
            }
            number_functions(c, w, l);
            c->loc_id[L] = ++c->nlocs;
            c->locs[c->nlocs - 1] = L;
            c->locs_addr[c->nlocs - 1] = addr;
        }
    }
    for (size_t L = nreal; L < m->nlocations; L++) {
        if (c->loc_id[L] != UINT64_MAX)
            continue;
        const pv_location *l = &m->locations[L];
        number_functions(c, w, l);
        c->loc_id[L] = ++c->nlocs;
        c->locs[c->nlocs - 1] = (uint32_t)L;
        c->locs_addr[c->nlocs - 1] = l->address;
    }
    /* every member of a merged entity answers with its id */
    for (size_t i = 0; i < m->nlocations; i++)
        if (w->lcan[i] != PV_NONE)
            c->loc_id[i] = c->loc_id[w->lcan[i]];
    for (size_t i = 0; i < m->nmappings; i++)
        if (w->mcan[i] != PV_NONE)
            c->map_id[i] = c->map_id[w->mcan[i]];
    for (size_t i = 0; i < m->nfunctions; i++)
        if (w->fcan[i] != PV_NONE)
            c->fn_id[i] = c->fn_id[w->fcan[i]];
}

pv_compact *pv_compact_build(const pv_model *m, char *err, size_t errlen)
{
    pv_compact *c = calloc(1, sizeof *c);
    walker w;
    memset(&w, 0, sizeof w);
    if (!c)
        goto oom;
    c->m = m;
    size_t nl = m->nlocations ? m->nlocations : 1, nm = m->nmappings ? m->nmappings : 1;
    size_t nf = m->nfunctions ? m->nfunctions : 1, ns = m->nsamples ? m->nsamples : 1;
    size_t nt = m->ntypes ? m->ntypes : 1;
    w.m = m;
    w.soff = m->loaded_stack ? m->loaded_stack_off : m->stack_off;
    w.stk = m->loaded_stack ? m->loaded_stack : m->stack;
    w.fcan = malloc(nf * sizeof *w.fcan);
    w.mcan = malloc(nm * sizeof *w.mcan);
    w.lcan = malloc(nl * sizeof *w.lcan);
    c->cls = malloc(ns * sizeof *c->cls);
    c->rep = malloc(ns * sizeof *c->rep);
    c->vals = malloc(ns * nt * sizeof *c->vals);
    c->loc_id = calloc(nl, sizeof *c->loc_id);
    c->map_id = calloc(nm, sizeof *c->map_id);
    c->fn_id = calloc(nf, sizeof *c->fn_id);
    c->locs = malloc(nl * sizeof *c->locs);
    c->maps = malloc(nm * sizeof *c->maps);
    c->fns = malloc(nf * sizeof *c->fns);
    c->locs_addr = malloc(nl * sizeof *c->locs_addr);
    if (!w.fcan || !w.mcan || !w.lcan || !c->cls || !c->rep || !c->vals || !c->loc_id || !c->map_id ||
        !c->fn_id || !c->locs || !c->maps || !c->fns || !c->locs_addr)
        goto oom;
    memset(w.fcan, 0xff, nf * sizeof *w.fcan);
    memset(w.mcan, 0xff, nm * sizeof *w.mcan);
    memset(w.lcan, 0xff, nl * sizeof *w.lcan);
    if (table_init(&w.ft, m->nfunctions) || table_init(&w.mt, m->nmappings) || table_init(&w.lt, m->nlocations) ||
        table_init(&w.st, m->nsamples))
        goto oom;

    if (m->nmappings > 0 && map_canon(&w, 0) == PV_NONE)
        goto oom;
    for (size_t s = 0; s < m->nsamples; s++) {
        for (uint64_t k = w.soff[s]; k < w.soff[s + 1]; k++)
            if (loc_canon(&w, w.stk[k]) == PV_NONE)
                goto oom;
        int bad = 0;
        uint64_t h = sample_hash(&w, (uint32_t)s, &bad);
        if (bad)
            goto oom;
        uint32_t r = table_intern(&w.st, &w, h, (uint32_t)s, sample_eq);
        if (r == PV_NONE)
            goto oom;
        const int64_t *v = m->values + s * m->ntypes;
        if (r == s) {
            c->rep[c->nclasses] = (uint32_t)s;
            c->cls[s] = (uint32_t)c->nclasses;
            memcpy(c->vals + c->nclasses * m->ntypes, v, m->ntypes * sizeof *v);
            c->nclasses++;
        } else {
            uint32_t k = c->cls[r];
            c->cls[s] = k;
            int64_t *cv = c->vals + (size_t)k * m->ntypes;
            for (size_t t = 0; t < m->ntypes; t++)
                cv[t] = pv_wadd(cv[t], v[t]);
        }
    }
    c->keep = malloc(c->nclasses ? c->nclasses : 1);
    if (!c->keep)
        goto oom;
    for (size_t k = 0; k < c->nclasses; k++) {
        bool zero = true;
        for (size_t t = 0; t < m->ntypes && zero; t++)
            zero = c->vals[k * m->ntypes + t] == 0;
        c->keep[k] = !zero;
    }
    assign_ids(c, &w);
    walker_free(&w);
    return c;
oom:
    snprintf(err, errlen, "out of memory");
    walker_free(&w);
    pv_compact_free(c);
    return NULL;
}

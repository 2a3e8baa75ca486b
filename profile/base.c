/* pprof's -base / -diff_base / -normalize on a merged model (driver/fetch.go's
 * fetchProfiles: Normalize, Scale(-1), SetLabel("pprof::base"), Merge). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "profile/load.h"

int pv_model_merge_samples(pv_model *m);

/* pprof's ScaleN over samples [b, e): values of types whose ratio is not 1 become
 * round(v * ratio); a sample none of whose scaled values is non-zero is dropped (its values
 * are zeroed here, and the loader's final pass drops all-zero samples). */
static void scale_n(pv_model *m, size_t b, size_t e, const double *ratios)
{
    size_t nt = m->ntypes;
    bool all_ones = true;
    for (size_t t = 0; t < nt; t++)
        all_ones = all_ones && ratios[t] == 1;
    if (all_ones)
        return;
    for (size_t s = b; s < e; s++) {
        int64_t *v = m->values + s * nt;
        bool keep = false;
        for (size_t t = 0; t < nt; t++) {
            if (ratios[t] == 1)
                continue;
            double x = round((double)v[t] * ratios[t]);
            int64_t val = x >= -9223372036854775808.0 && x < 9223372036854775808.0 ? (int64_t)x : INT64_MIN;
            v[t] = val;
            keep = keep || val != 0;
        }
        if (!keep)
            memset(v, 0, nt * sizeof *v);
    }
}

int pv_model_apply_base(pv_model *m, size_t boundary, bool diff_base, bool normalize)
{
    size_t nt = m->ntypes, n = m->nsamples;
    if (nt == 0)
        return 0;
    double *ratios = malloc(nt * sizeof *ratios);
    int64_t *sums = calloc(2 * nt, sizeof *sums);
    if (!ratios || !sums) {
        free(ratios);
        free(sums);
        return -1;
    }
    if (normalize) {
        for (size_t s = 0; s < n; s++)
            for (size_t t = 0; t < nt; t++) {
                int64_t *acc = &sums[(s >= boundary ? nt : 0) + t];
                *acc = (int64_t)((uint64_t)*acc + (uint64_t)m->values[s * nt + t]);
            }
        for (size_t t = 0; t < nt; t++)
            ratios[t] = sums[t] == 0 ? 0.0 : (double)sums[nt + t] / (double)sums[t];
        scale_n(m, 0, boundary, ratios);
    }
    for (size_t t = 0; t < nt; t++)
        ratios[t] = -1;
    scale_n(m, boundary, n, ratios);
    free(ratios);
    free(sums);
    if (!diff_base || boundary == n)
        return pv_model_merge_samples(m);

    /* every base sample gets pprof::base=true (replacing a label of that key) */
    pv_strid key = pv_intern(m, "pprof::base", 11), val = pv_intern(m, "true", 4);
    if (key == PV_NONE || val == PV_NONE)
        return -1;
    m->base_key = key;
    m->base_true = val;
    uint64_t old = m->label_off[n];
    pv_label *nl = malloc((old + (n - boundary) + 1) * sizeof *nl);
    if (!nl)
        return -1;
    uint64_t w = 0;
    for (size_t s = 0; s < n; s++) {
        uint64_t lb = m->label_off[s], le = m->label_off[s + 1];
        m->label_off[s] = w;
        for (uint64_t k = lb; k < le; k++)
            if (s < boundary || m->labels[k].key != key)
                nl[w++] = m->labels[k];
        if (s >= boundary)
            nl[w++] = (pv_label){key, val, 0, 0};
    }
    m->label_off[n] = w;
    free(m->labels);
    m->labels = nl;
    return pv_model_merge_samples(m);
}

/* ---------- pprof's Merge: samples with equal stacks and labels across sources ---------- */

typedef struct {
    uint64_t *keys; /* hash, 0 = empty */
    uint32_t *vals;
    size_t n;
} canon_tab;

static uint64_t mix(uint64_t h, uint64_t v)
{
    h ^= v + 0x9E3779B97F4A7C15ull + (h << 6) + (h >> 2);
    h *= 0xff51afd7ed558ccdull;
    return h ^ (h >> 33);
}

/* Finds the first index with hash h for which eq(ctx, index, i) holds, or enters i.
 * Returns the canonical index. */
static uint32_t canon(canon_tab *t, uint64_t h, uint32_t i, bool (*eq)(const pv_model *, uint32_t, uint32_t, const void *),
                      const pv_model *m, const void *aux)
{
    if (h == 0)
        h = 1;
    size_t j = h & (t->n - 1);
    while (t->keys[j]) {
        if (t->keys[j] == h && eq(m, t->vals[j], i, aux))
            return t->vals[j];
        j = (j + 1) & (t->n - 1);
    }
    t->keys[j] = h;
    t->vals[j] = i;
    return i;
}

static int tab_init(canon_tab *t, size_t count)
{
    t->n = 16;
    while (t->n < count * 2)
        t->n *= 2;
    t->keys = calloc(t->n, sizeof *t->keys);
    t->vals = malloc(t->n * sizeof *t->vals);
    return t->keys && t->vals ? 0 : -1;
}

static void tab_free(canon_tab *t)
{
    free(t->keys);
    free(t->vals);
}

static uint64_t map_size(const pv_mapping *mp)
{
    uint64_t size = mp->limit - mp->start + 0xfff;
    return size - size % 0x1000;
}

static pv_strid map_id(const pv_mapping *mp)
{
    return mp->build_id ? mp->build_id : mp->file;
}

static bool map_eq(const pv_model *m, uint32_t a, uint32_t b, const void *aux)
{
    (void)aux;
    const pv_mapping *x = &m->mappings[a], *y = &m->mappings[b];
    return map_size(x) == map_size(y) && x->offset == y->offset && map_id(x) == map_id(y);
}

static bool fn_eq(const pv_model *m, uint32_t a, uint32_t b, const void *aux)
{
    (void)aux;
    const pv_function *x = &m->functions[a], *y = &m->functions[b];
    return x->start_line == y->start_line && x->name == y->name && x->system_name == y->system_name &&
           x->filename == y->filename;
}

/* aux: canonical mapping per mapping, then canonical function per function */
typedef struct {
    const uint32_t *cmap, *cfn;
} loc_aux;

static uint64_t loc_addr(const pv_model *m, const pv_location *l)
{
    return l->mapping != PV_NONE ? l->address - m->mappings[l->mapping].start : l->address;
}

static bool loc_eq(const pv_model *m, uint32_t a, uint32_t b, const void *aux)
{
    const pv_location *x = &m->locations[a], *y = &m->locations[b];
    const loc_aux *la = aux;
    uint32_t mx = x->mapping != PV_NONE ? la->cmap[x->mapping] : PV_NONE;
    uint32_t my = y->mapping != PV_NONE ? la->cmap[y->mapping] : PV_NONE;
    if (mx != my || loc_addr(m, x) != loc_addr(m, y) || x->is_folded != y->is_folded || x->line_count != y->line_count)
        return false;
    for (uint32_t i = 0; i < x->line_count; i++) {
        const pv_line *p = &m->lines[x->line_start + i], *q = &m->lines[y->line_start + i];
        if (la->cfn[p->function] != la->cfn[q->function] || p->line != q->line)
            return false;
    }
    return true;
}

static int cmp_label(const void *a, const void *b)
{
    const pv_label *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    if (x->str != y->str)
        return x->str < y->str ? -1 : 1;
    if (x->num != y->num)
        return x->num < y->num ? -1 : 1;
    return x->num_unit < y->num_unit ? -1 : x->num_unit > y->num_unit;
}

int pv_model_merge_samples(pv_model *m)
{
    uint32_t *cmap = malloc((m->nmappings + 1) * sizeof *cmap);
    uint32_t *cfn = malloc((m->nfunctions + 1) * sizeof *cfn);
    uint32_t *cloc = malloc((m->nlocations + 1) * sizeof *cloc);
    canon_tab tm = {0}, tf = {0}, tl = {0}, ts = {0};
    int rc = -1;
    if (!cmap || !cfn || !cloc || tab_init(&tm, m->nmappings) || tab_init(&tf, m->nfunctions) ||
        tab_init(&tl, m->nlocations) || tab_init(&ts, m->nsamples))
        goto out;
    for (uint32_t i = 0; i < m->nmappings; i++) {
        const pv_mapping *mp = &m->mappings[i];
        cmap[i] = canon(&tm, mix(mix(map_size(mp), mp->offset), map_id(mp)), i, map_eq, m, NULL);
    }
    for (uint32_t i = 0; i < m->nfunctions; i++) {
        const pv_function *f = &m->functions[i];
        uint64_t h = mix(mix(mix(mix(0, (uint64_t)f->start_line), f->name), f->system_name), f->filename);
        cfn[i] = canon(&tf, h, i, fn_eq, m, NULL);
    }
    loc_aux la = {cmap, cfn};
    for (uint32_t i = 0; i < m->nlocations; i++) {
        const pv_location *l = &m->locations[i];
        uint64_t h = mix(mix(loc_addr(m, l), l->mapping != PV_NONE ? cmap[l->mapping] : PV_NONE), l->is_folded);
        for (uint32_t k = 0; k < l->line_count; k++)
            h = mix(mix(h, cfn[m->lines[l->line_start + k].function]), (uint64_t)m->lines[l->line_start + k].line);
        cloc[i] = canon(&tl, h, i, loc_eq, m, &la);
    }
    /* labels of each sample sorted, so that equal sets compare equal */
    for (size_t s = 0; s < m->nsamples; s++) {
        size_t nl = m->label_off[s + 1] - m->label_off[s];
        if (nl > 1)
            qsort(m->labels + m->label_off[s], nl, sizeof *m->labels, cmp_label);
    }
    size_t nt = m->ntypes;
    for (size_t s = 0; s < m->nsamples; s++) {
        uint64_t h = 0;
        for (uint64_t k = m->stack_off[s]; k < m->stack_off[s + 1]; k++)
            h = mix(h, cloc[m->stack[k]]);
        for (uint64_t k = m->label_off[s]; k < m->label_off[s + 1]; k++) {
            const pv_label *l = &m->labels[k];
            h = mix(mix(mix(mix(h, l->key), l->str), (uint64_t)l->num), l->num_unit);
        }
        if (h == 0)
            h = 1;
        size_t j = h & (ts.n - 1);
        bool merged = false;
        while (ts.keys[j]) {
            size_t o = ts.vals[j];
            if (ts.keys[j] == h && m->stack_off[o + 1] - m->stack_off[o] == m->stack_off[s + 1] - m->stack_off[s] &&
                m->label_off[o + 1] - m->label_off[o] == m->label_off[s + 1] - m->label_off[s]) {
                bool eq = true;
                for (uint64_t a = m->stack_off[o], b = m->stack_off[s]; eq && b < m->stack_off[s + 1]; a++, b++)
                    eq = cloc[m->stack[a]] == cloc[m->stack[b]];
                for (uint64_t a = m->label_off[o], b = m->label_off[s]; eq && b < m->label_off[s + 1]; a++, b++)
                    eq = cmp_label(&m->labels[a], &m->labels[b]) == 0;
                if (eq) {
                    for (size_t t = 0; t < nt; t++)
                        m->values[o * nt + t] =
                            (int64_t)((uint64_t)m->values[o * nt + t] + (uint64_t)m->values[s * nt + t]);
                    memset(m->values + s * nt, 0, nt * sizeof *m->values);
                    merged = true;
                    break;
                }
            }
            j = (j + 1) & (ts.n - 1);
        }
        if (!merged) {
            ts.keys[j] = h;
            ts.vals[j] = (uint32_t)s;
        }
    }
    rc = 0;
out:
    free(cmap);
    free(cfn);
    free(cloc);
    tab_free(&tm);
    tab_free(&tf);
    tab_free(&tl);
    tab_free(&ts);
    return rc;
}

/* The list product: pprof's printSource and getSourceFromFile over a selection. */
#include "profile/list.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "profile/codenodes.h"
#include "profile/filter.h"
#include "profile/measure.h"
#include "profile/util.h"

#define MARGIN 5 /* pprof: lines shown before the first and after the last sample */

void pv_list_free(pv_list *l)
{
    if (!l)
        return;
    for (size_t i = 0; i < l->nroutines; i++) {
        free(l->routines[i].lines);
        free(l->routines[i].hits);
        free(l->routines[i].inlines);
    }
    pv_strv_free(l->inl_files, l->ninl_files);
    free(l->routines);
    pv_source_reader_free(l->reader);
    pv_selection_free(l->sel);
    free(l->unit);
    pv_code_nodes_free(l->priv);
    free(l);
}

void pv_list_format(const pv_list *l, int64_t v, bool dot, char *out, size_t len)
{
    if (dot && v == 0) {
        snprintf(out, len, ".");
        return;
    }
    pv_selection_format(l->sel, l->unit, v, out, len);
}

static int cmp_nodes(const void *a, const void *b, void *ctx)
{
    const pv_list *l = ctx;
    const pv_code_nodes *cn = l->priv;
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    const pv_code_node *kx = &cn->nodes[x], *ky = &cn->nodes[y];
    if (kx->name != ky->name) {
        int c = strcmp(pv_str(l->sel->m, kx->name), pv_str(l->sel->m, ky->name));
        if (c)
            return c;
    }
    if (kx->file != ky->file) {
        int c = strcmp(cn->files[kx->file], cn->files[ky->file]);
        if (c)
            return c;
    }
    return x < y ? -1 : x > y;
}

static int cmp_line(const void *a, const void *b)
{
    const pv_list_line *x = a, *y = b;
    return x->lineno < y->lineno ? -1 : x->lineno > y->lineno;
}

/* pprof's getSourceFromFile for one routine whose nodes are nodes[0..n). */
static int fill_routine(pv_list *l, const pv_code_nodes *p, pv_list_routine *r, const uint32_t *nodes, size_t n)
{
    r->hits = malloc(n * sizeof *r->hits);
    if (!r->hits)
        return -1;
    for (size_t i = 0; i < n; i++) {
        const pv_code_node *k = &p->nodes[nodes[i]];
        r->flat = pv_wadd(r->flat, k->flat);
        r->cum = pv_wadd(r->cum, k->cum);
        r->hits[i] = (pv_list_line){k->lineno, k->flat, k->cum, NULL};
    }
    r->start_line = p->nodes[nodes[0]].start_line;
    /* the line range: pprof compares each node with the range so far (in its node order) */
    const pv_code_node *k0 = &p->nodes[nodes[0]];
    int64_t start = k0->start_line ? k0->start_line : k0->lineno - MARGIN;
    int64_t end = k0->lineno + MARGIN;
    for (size_t i = 0; i < n; i++) {
        const pv_code_node *k = &p->nodes[nodes[i]];
        int64_t ns = k->start_line ? k->start_line : k->lineno - MARGIN;
        int64_t ne = k->lineno + MARGIN;
        if (ns < start)
            start = ns;
        else if (ne > end)
            end = ne;
    }
    if (start < 1)
        start = 1;
    /* hits by line number, summed */
    qsort(r->hits, n, sizeof *r->hits, cmp_line);
    size_t w = 0;
    for (size_t i = 0; i < n; i++) {
        if (w > 0 && r->hits[w - 1].lineno == r->hits[i].lineno) {
            r->hits[w - 1].flat = pv_wadd(r->hits[w - 1].flat, r->hits[i].flat);
            r->hits[w - 1].cum = pv_wadd(r->hits[w - 1].cum, r->hits[i].cum);
        } else {
            r->hits[w++] = r->hits[i];
        }
    }
    r->nhits = w;
    r->source = pv_source_get(l->reader, r->file);
    if (!r->source)
        return -1;
    if (r->source->error) {
        r->error = r->source->error;
        return 0;
    }
    int64_t last = (int64_t)r->source->nlines < end ? (int64_t)r->source->nlines : end;
    if (last < start)
        return 0;
    r->lines = calloc((size_t)(last - start + 1), sizeof *r->lines);
    if (!r->lines)
        return -1;
    size_t h = 0;
    for (int64_t ln = start; ln <= last; ln++) {
        while (h < r->nhits && r->hits[h].lineno < ln)
            h++;
        pv_list_line *o = &r->lines[r->nlines++];
        o->lineno = ln;
        o->text = r->source->lines[ln - 1];
        if (h < r->nhits && r->hits[h].lineno == ln) {
            o->flat = r->hits[h].flat;
            o->cum = r->hits[h].cum;
        }
    }
    return 0;
}

pv_list *pv_list_build(const pv_model *m, const pv_options *opts, const char *regex, bool goroot, char *err,
                       size_t errlen)
{
    pv_list *l = calloc(1, sizeof *l);
    pv_regex rx = {.ok = 0};
    uint32_t *order = NULL;
    pv_options o;
    bool have_o = false;
    if (!l) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    if (pv_options_copy(&o, opts) != 0)
        goto oom;
    have_o = true;
    /* pprof's command overrides for list: granularity lines, no trimming */
    o.granularity = PV_GRAN_LINES;
    o.nodecount = 0;
    o.nodefraction = 0;
    o.edgefraction = 0;
    char rerr[256];
    if (pv_regex_compile(&rx, regex ? regex : "", rerr, sizeof rerr) != 0) {
        snprintf(err, errlen, "parsing argument regexp %s: %s", regex ? regex : "", rerr);
        goto fail;
    }
    l->sel = pv_selection_build(m, &o, err, errlen);
    if (!l->sel)
        goto fail;
    m = l->sel->m; /* with tagroot/tagleaf, the selection's own model */
    const pv_selection *s = l->sel;
    l->total = s->total;
    l->unit = strdup(o.unit ? o.unit : "minimum");
    l->reader = pv_source_reader_new(o.source_path, o.trim_path, goroot);
    if (!l->unit || !l->reader)
        goto oom;
    l->priv = pv_code_nodes_build(s, &rx, false);
    if (!l->priv)
        goto oom;
    const pv_code_nodes *p = l->priv;

    /* nodes pprof keeps (selectNodesForGraph), by name then file */
    order = malloc((p->nnodes ? p->nnodes : 1) * sizeof *order);
    if (!order)
        goto oom;
    size_t nn = 0;
    for (size_t i = 0; i < p->nnodes; i++)
        if (pv_code_node_kept(p, i, o.drop_negative))
            order[nn++] = (uint32_t)i;
    if (nn == 0) {
        snprintf(err, errlen, "no matches found for regexp: %s", regex ? regex : "");
        goto fail;
    }
    qsort_r(order, nn, sizeof *order, cmp_nodes, l);
    l->routines = calloc(nn, sizeof *l->routines);
    if (!l->routines)
        goto oom;
    for (size_t i = 0; i < nn;) {
        pv_strid name = p->nodes[order[i]].name;
        size_t j = i;
        while (j < nn && p->nodes[order[j]].name == name)
            j++;
        /* [i, j): one function; nodes without a file come first (files[0] = "") */
        size_t k = i;
        while (k < j && p->nodes[order[k]].file == 0)
            k++;
        if (k == j) {
            pv_list_routine *r = &l->routines[l->nroutines++];
            r->name = pv_str(m, name);
            r->file = "";
        }
        while (k < j) {
            uint32_t file = p->nodes[order[k]].file;
            size_t e = k;
            while (e < j && p->nodes[order[e]].file == file)
                e++;
            /* pprof keeps the nodes of a file in graph order: ours is creation order */
            uint32_t *nodes = &order[k];
            pv_list_routine *r = &l->routines[l->nroutines++];
            r->name = pv_str(m, name);
            r->file = p->files[file];
            if (fill_routine(l, p, r, nodes, e - k) != 0)
                goto oom;
            k = e;
        }
        i = j;
    }
    free(order);
    pv_regex_free(&rx);
    pv_options_free(&o);
    return l;
oom:
    snprintf(err, errlen, "out of memory");
fail:
    free(order);
    pv_regex_free(&rx);
    if (have_o)
        pv_options_free(&o);
    pv_list_free(l);
    return NULL;
}

void pv_list_print(FILE *out, const pv_list *l)
{
    char a[64], b[64], pct[32];
    pv_list_format(l, l->total, false, a, sizeof a);
    fprintf(out, "Total: %s\n", a);
    for (size_t i = 0; i < l->nroutines; i++) {
        const pv_list_routine *r = &l->routines[i];
        if (!*r->file) {
            fprintf(out, "No source information for %s\n", r->name);
            continue;
        }
        fprintf(out, "ROUTINE ======================== %s in %s\n", r->name, r->file);
        pv_list_format(l, r->flat, false, a, sizeof a);
        pv_list_format(l, r->cum, false, b, sizeof b);
        pv_percentage(pct, sizeof pct, r->cum, l->total);
        fprintf(out, "%10s %10s (flat, cum) %s of Total\n", a, b, pct);
        if (r->error) {
            fprintf(out, " Error: %s\n", r->error);
            continue;
        }
        for (size_t k = 0; k < r->nlines; k++) {
            const pv_list_line *ll = &r->lines[k];
            pv_list_format(l, ll->flat, true, a, sizeof a);
            pv_list_format(l, ll->cum, true, b, sizeof b);
            fprintf(out, "%10s %10s %6" PRId64 ":%s\n", a, b, ll->lineno, ll->text);
        }
    }
}

/* ---------- inlined callees per call site (pv_list_inlines) ---------- */

typedef struct {
    uint32_t routine;
    int64_t call_line;
    pv_strid callee;
    uint32_t file; /* index into l->inl_files */
    int64_t lineno;
    int64_t flat, cum;
    uint32_t stamp;
} inl_entry;

typedef struct {
    inl_entry *e;
    size_t n, cap;
    pv_index index;
} inl_table;

static uint64_t inl_hash(const inl_entry *k)
{
    uint64_t h = k->routine * 0x9E3779B97F4A7C15ull;
    h ^= (uint64_t)k->call_line * 0xC2B2AE3D27D4EB4Full;
    h ^= (k->callee + 1) * 0x165667B19E3779F9ull;
    h ^= (k->file + 3) * 0xD6E8FEB86659FD93ull;
    h ^= (uint64_t)k->lineno * 0xFF51AFD7ED558CCDull;
    return h ^ (h >> 29);
}

static bool inl_eq(const inl_entry *x, const inl_entry *k)
{
    return x->routine == k->routine && x->call_line == k->call_line && x->callee == k->callee && x->file == k->file &&
           x->lineno == k->lineno;
}

static uint64_t inl_hash_elem(const void *k) { return inl_hash(k); }
static bool inl_eq_elem(const void *a, const void *b) { return inl_eq(a, b); }
static const pv_index_kind inl_kind = {sizeof(inl_entry), inl_hash_elem, inl_eq_elem};

static uint32_t inl_intern(inl_table *t, const inl_entry *k)
{
    return pv_index_intern(&t->index, &inl_kind, (void **)&t->e, &t->n, &t->cap, k);
}

/* The routine named name in file, or PV_NONE (routines are sorted by name, then file). */
static uint32_t find_routine(const pv_list *l, const char *name, const char *file)
{
    size_t lo = 0, hi = l->nroutines;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(l->routines[mid].name, name);
        if (!c)
            c = strcmp(l->routines[mid].file, file);
        if (!c)
            return (uint32_t)mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return PV_NONE;
}

static int cmp_inl(const void *a, const void *b)
{
    const pv_list_inline *x = a, *y = b;
    if (x->call_line != y->call_line)
        return x->call_line < y->call_line ? -1 : 1;
    int c = strcmp(x->callee, y->callee);
    if (c)
        return c;
    return x->lineno < y->lineno ? -1 : x->lineno > y->lineno;
}

int pv_list_inlines(pv_list *l)
{
    if (l->inlines_done || l->sel->o.noinlines)
        return 0;
    const pv_selection *s = l->sel;
    const pv_model *m = s->m;
    const char *trim = s->o.trim_path ? s->o.trim_path : "";
    const char *search = s->o.source_path ? s->o.source_path : "";
    size_t nf = m->nfunctions ? m->nfunctions : 1, nloc = m->nlocations;
    uint32_t *fn_file = malloc(nf * sizeof *fn_file); /* index into inl_files + 1; 0: not yet */
    uint32_t *fn_routine = malloc(nf * sizeof *fn_routine);
    uint32_t *loc_off = malloc((nloc + 1) * sizeof *loc_off);
    uint32_t *loc_e = malloc(((size_t)s->ll_off[nloc] + 1) * sizeof *loc_e);
    uint8_t *loc_inner = malloc((size_t)s->ll_off[nloc] + 1);
    inl_table t = {0};
    int rc = -1;
    if (!fn_file || !fn_routine || !loc_off || !loc_e || !loc_inner)
        goto done;
    for (size_t i = 0; i < m->nfunctions; i++) {
        const pv_function *fn = &m->functions[i];
        char *tr = pv_source_trim(pv_str(m, fn->filename), trim, search);
        char *c = tr && *tr ? pv_path_clean(tr) : tr ? strdup("") : NULL;
        free(tr);
        if (!c)
            goto done;
        fn_routine[i] = find_routine(l, pv_str(m, fn->name), c);
        size_t before = l->ninl_files;
        pv_strv_add(&l->inl_files, &l->ninl_files, c);
        if (l->ninl_files == before)
            goto done;
        fn_file[i] = (uint32_t)before;
    }
    uint32_t w = 0;
    for (size_t i = 0; i < nloc; i++) {
        loc_off[i] = w;
        if (s->hidden[i])
            continue;
        uint32_t b = s->ll_off[i], e = s->ll_off[i + 1];
        for (uint32_t k = b; k + 1 < e; k++) {
            const pv_line *callee = &m->lines[s->ll[k]], *caller = &m->lines[s->ll[k + 1]];
            uint32_t r = fn_routine[caller->function];
            if (r == PV_NONE || !*l->routines[r].file)
                continue;
            inl_entry key = {r, caller->line, m->functions[callee->function].name, fn_file[callee->function],
                             callee->line, 0, 0, UINT32_MAX};
            uint32_t id = inl_intern(&t, &key);
            if (id == PV_NONE)
                goto done;
            loc_inner[w] = k == b;
            loc_e[w++] = id;
        }
    }
    loc_off[nloc] = w;
    for (size_t i = 0; i < s->nsel && t.n; i++) {
        int64_t v = pv_selection_value(s, i);
        if (v == 0)
            continue;
        uint64_t b, e;
        pv_selection_stack(s, i, &b, &e);
        bool leaf = true;
        for (uint64_t k = b; k < e; k++) {
            uint32_t li = m->stack[k];
            if (s->hidden[li])
                continue;
            for (uint32_t x = loc_off[li]; x < loc_off[li + 1]; x++) {
                inl_entry *en = &t.e[loc_e[x]];
                if (en->stamp != (uint32_t)i) {
                    en->stamp = (uint32_t)i;
                    en->cum = pv_wadd(en->cum, v);
                }
                if (leaf && loc_inner[x])
                    en->flat = pv_wadd(en->flat, v);
            }
            leaf = false;
        }
    }
    for (size_t i = 0; i < t.n; i++) {
        const inl_entry *en = &t.e[i];
        if (!en->flat && !en->cum)
            continue;
        pv_list_routine *r = &l->routines[en->routine];
        size_t cap = r->ninlines; /* grow one at a time at powers of two */
        if ((cap & (cap - 1)) == 0) {
            pv_list_inline *ni = realloc(r->inlines, (cap ? cap * 2 : 1) * sizeof *ni);
            if (!ni)
                goto done;
            r->inlines = ni;
        }
        const char *file = l->inl_files[en->file];
        const pv_source_file *src = *file ? pv_source_get(l->reader, file) : NULL;
        const char *text = src && !src->error && en->lineno >= 1 && (size_t)en->lineno <= src->nlines
                               ? src->lines[en->lineno - 1]
                               : NULL;
        r->inlines[r->ninlines++] =
            (pv_list_inline){en->call_line, pv_str(m, en->callee), file, en->lineno, en->flat, en->cum, text};
    }
    for (size_t i = 0; i < l->nroutines; i++)
        if (l->routines[i].ninlines)
            qsort(l->routines[i].inlines, l->routines[i].ninlines, sizeof *l->routines[i].inlines, cmp_inl);
    l->inlines_done = true;
    rc = 0;
done:
    free(fn_file);
    free(fn_routine);
    free(loc_off);
    free(loc_e);
    free(loc_inner);
    free(t.e);
    pv_index_free(&t.index);
    return rc;
}

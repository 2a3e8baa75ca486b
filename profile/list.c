/* The list product: pprof's printSource and getSourceFromFile over a selection. */
#include "profile/list.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "profile/filter.h"
#include "profile/measure.h"
#include "profile/util.h"

#define MARGIN 5 /* pprof: lines shown before the first and after the last sample */

/* pprof's NodeInfo for list: granularity lines with object names. */
typedef struct {
    pv_strid name;
    uint32_t file; /* index into files, 0 = "" */
    pv_strid objfile;
    int64_t lineno, start_line;
} lkey;

typedef struct {
    const pv_model *m;
    /* nodes */
    lkey *keys;
    int64_t *flat, *cum;
    uint32_t *stamp;
    size_t nnodes, capnodes;
    uint32_t *slots;
    size_t nslots;
    /* cleaned, trimmed file names; files[0] = "" */
    char **files;
    size_t nfiles;
    uint32_t *fslots;
    size_t nfslots;
    /* per routine: its node ids */
    uint32_t *rnodes;
} lpriv;

static uint64_t key_hash(const lkey *k)
{
    uint64_t h = k->name * 0x9E3779B97F4A7C15ull;
    h ^= (k->file + 0x632BE59BD9B4E019ull) * 0xC2B2AE3D27D4EB4Full;
    h ^= (k->objfile + 7) * 0x165667B19E3779F9ull;
    h ^= (uint64_t)k->lineno * 0xFF51AFD7ED558CCDull;
    h ^= (uint64_t)k->start_line * 0xC4CEB9FE1A85EC53ull;
    h ^= h >> 31;
    return h;
}

static bool key_eq(const lkey *a, const lkey *b)
{
    return a->name == b->name && a->file == b->file && a->objfile == b->objfile && a->lineno == b->lineno &&
           a->start_line == b->start_line;
}

static uint32_t node_intern(lpriv *p, const lkey *k)
{
    if ((p->nnodes + 1) * 2 > p->nslots) {
        size_t n = p->nslots ? p->nslots * 2 : 1024;
        uint32_t *ns = malloc(n * sizeof *ns);
        if (!ns)
            return PV_NONE;
        memset(ns, 0xff, n * sizeof *ns);
        for (size_t i = 0; i < p->nnodes; i++) {
            size_t j = key_hash(&p->keys[i]) & (n - 1);
            while (ns[j] != PV_NONE)
                j = (j + 1) & (n - 1);
            ns[j] = (uint32_t)i;
        }
        free(p->slots);
        p->slots = ns;
        p->nslots = n;
    }
    size_t j = key_hash(k) & (p->nslots - 1);
    while (p->slots[j] != PV_NONE) {
        if (key_eq(&p->keys[p->slots[j]], k))
            return p->slots[j];
        j = (j + 1) & (p->nslots - 1);
    }
    if (p->nnodes == p->capnodes) {
        size_t nc = p->capnodes ? p->capnodes * 2 : 1024;
        lkey *nk = realloc(p->keys, nc * sizeof *nk);
        if (!nk)
            return PV_NONE;
        p->keys = nk;
        p->capnodes = nc;
    }
    p->keys[p->nnodes] = *k;
    p->slots[j] = (uint32_t)p->nnodes;
    return (uint32_t)p->nnodes++;
}

static uint64_t str_hash(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

/* The index of file name f (taken), 0 for "". PV_NONE on allocation failure. */
static uint32_t file_intern(lpriv *p, char *f)
{
    if (!f)
        return PV_NONE;
    if (!*f) {
        free(f);
        return 0;
    }
    if ((p->nfiles + 1) * 2 > p->nfslots) {
        size_t n = p->nfslots ? p->nfslots * 2 : 256;
        uint32_t *ns = malloc(n * sizeof *ns);
        if (!ns) {
            free(f);
            return PV_NONE;
        }
        memset(ns, 0xff, n * sizeof *ns);
        for (size_t i = 1; i < p->nfiles; i++) {
            size_t j = str_hash(p->files[i]) & (n - 1);
            while (ns[j] != PV_NONE)
                j = (j + 1) & (n - 1);
            ns[j] = (uint32_t)i;
        }
        free(p->fslots);
        p->fslots = ns;
        p->nfslots = n;
    }
    size_t j = str_hash(f) & (p->nfslots - 1);
    while (p->fslots[j] != PV_NONE) {
        if (!strcmp(p->files[p->fslots[j]], f)) {
            free(f);
            return p->fslots[j];
        }
        j = (j + 1) & (p->nfslots - 1);
    }
    size_t before = p->nfiles;
    pv_strv_add(&p->files, &p->nfiles, f);
    if (p->nfiles == before)
        return PV_NONE;
    p->fslots[j] = (uint32_t)before;
    return (uint32_t)before;
}

static void priv_free(lpriv *p)
{
    if (!p)
        return;
    free(p->keys);
    free(p->flat);
    free(p->cum);
    free(p->stamp);
    free(p->slots);
    pv_strv_free(p->files, p->nfiles);
    free(p->fslots);
    free(p->rnodes);
    free(p);
}

void pv_list_free(pv_list *l)
{
    if (!l)
        return;
    for (size_t i = 0; i < l->nroutines; i++) {
        free(l->routines[i].lines);
        free(l->routines[i].hits);
    }
    free(l->routines);
    pv_source_reader_free(l->reader);
    pv_selection_free(l->sel);
    free(l->unit);
    priv_free(l->priv);
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

/* Per location: the nodes of the lines that match (innermost first) and its leaf node. */
typedef struct {
    uint32_t *off, *nodes;
    uint32_t *leaf; /* the innermost line's node when it matches, else PV_NONE */
} locnodes;

static int make_nodes(lpriv *p, const pv_selection *s, const pv_regex *rx, locnodes *ln, const char *trim,
                      const char *search)
{
    const pv_model *m = s->m;
    size_t nf = m->nfunctions ? m->nfunctions : 1;
    uint32_t *fn_file = malloc(nf * sizeof *fn_file);
    uint8_t *fn_match = malloc(nf);
    if (fn_file && fn_match)
        pv_strv_add(&p->files, &p->nfiles, strdup(""));
    if (!fn_file || !fn_match || p->nfiles != 1) {
        free(fn_file);
        free(fn_match);
        return -1;
    }
    for (size_t i = 0; i < m->nfunctions; i++) {
        const pv_function *fn = &m->functions[i];
        fn_match[i] = pv_regex_match(rx, pv_str(m, fn->name));
        fn_file[i] = 0;
        if (!fn_match[i] || !fn->filename)
            continue;
        char *t = pv_source_trim(pv_str(m, fn->filename), trim, search);
        char *c = t && *t ? pv_path_clean(t) : t ? strdup("") : NULL;
        free(t);
        fn_file[i] = file_intern(p, c);
        if (fn_file[i] == PV_NONE) {
            free(fn_file);
            free(fn_match);
            return -1;
        }
    }
    bool empty_match = pv_regex_match(rx, "");
    bool inlines = !s->o.noinlines;
    size_t nloc = m->nlocations;
    ln->off = malloc((nloc + 1) * sizeof *ln->off);
    ln->leaf = malloc((nloc ? nloc : 1) * sizeof *ln->leaf);
    ln->nodes = malloc(((size_t)s->ll_off[nloc] + nloc + 1) * sizeof *ln->nodes);
    if (!ln->off || !ln->leaf || !ln->nodes)
        goto fail;
    uint32_t w = 0;
    for (size_t i = 0; i < nloc; i++) {
        const pv_location *loc = &m->locations[i];
        ln->off[i] = w;
        ln->leaf[i] = PV_NONE;
        if (s->hidden[i])
            continue;
        pv_strid objfile = 0;
        if (loc->mapping != PV_NONE && loc->mapping < m->nmappings)
            objfile = m->mappings[loc->mapping].file;
        uint32_t b = s->ll_off[i], e = s->ll_off[i + 1];
        if (!inlines && e - b > 1)
            b = e - 1;
        if (b == e) {
            if (!empty_match)
                continue;
            lkey k = {0, 0, objfile, 0, 0};
            uint32_t n = node_intern(p, &k);
            if (n == PV_NONE)
                goto fail;
            ln->nodes[w++] = n;
            ln->leaf[i] = n;
            continue;
        }
        for (uint32_t kk = b; kk < e; kk++) {
            const pv_line *l = &m->lines[s->ll[kk]];
            if (!fn_match[l->function])
                continue;
            const pv_function *fn = &m->functions[l->function];
            lkey k = {fn->name, fn_file[l->function], objfile, l->line, fn->start_line};
            uint32_t n = node_intern(p, &k);
            if (n == PV_NONE)
                goto fail;
            ln->nodes[w++] = n;
            if (kk == b)
                ln->leaf[i] = n;
        }
    }
    ln->off[nloc] = w;
    free(fn_file);
    free(fn_match);
    return 0;
fail:
    free(fn_file);
    free(fn_match);
    return -1;
}

/* pprof's newGraph restricted to the matching nodes: cum once per sample, flat on the leaf. */
static int accumulate(lpriv *p, const pv_selection *s, const locnodes *ln)
{
    size_t nn = p->nnodes ? p->nnodes : 1;
    p->flat = calloc(nn, sizeof *p->flat);
    p->cum = calloc(nn, sizeof *p->cum);
    p->stamp = malloc(nn * sizeof *p->stamp);
    if (!p->flat || !p->cum || !p->stamp)
        return -1;
    memset(p->stamp, 0xff, nn * sizeof *p->stamp);
    const pv_model *m = s->m;
    const uint32_t *stack = m->stack;
    for (size_t i = 0; i < s->nsel; i++) {
        int64_t w = pv_selection_value(s, i);
        if (w == 0)
            continue; /* adds nothing (pprof skips it only when the mean divisor is 0 too) */
        uint64_t b, e;
        pv_selection_stack(s, i, &b, &e);
        uint32_t stamp = (uint32_t)i;
        bool have_leaf = false;
        uint32_t leaf = PV_NONE;
        for (uint64_t k = b; k < e; k++) {
            uint32_t li = stack[k];
            if (s->hidden[li])
                continue;
            if (!have_leaf) {
                have_leaf = true;
                leaf = ln->leaf[li];
            }
            for (uint32_t ni = ln->off[li]; ni < ln->off[li + 1]; ni++) {
                uint32_t n = ln->nodes[ni];
                if (p->stamp[n] != stamp) {
                    p->stamp[n] = stamp;
                    p->cum[n] = pv_wadd(p->cum[n], w);
                }
            }
        }
        if (leaf != PV_NONE)
            p->flat[leaf] = pv_wadd(p->flat[leaf], w);
    }
    return 0;
}

static int cmp_nodes(const void *a, const void *b, void *ctx)
{
    const lpriv *sort_ctx = ctx;
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    const lkey *kx = &sort_ctx->keys[x], *ky = &sort_ctx->keys[y];
    if (kx->name != ky->name) {
        int c = strcmp(pv_str(sort_ctx->m, kx->name), pv_str(sort_ctx->m, ky->name));
        if (c)
            return c;
    }
    if (kx->file != ky->file) {
        int c = strcmp(sort_ctx->files[kx->file], sort_ctx->files[ky->file]);
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
static int fill_routine(pv_list *l, lpriv *p, pv_list_routine *r, const uint32_t *nodes, size_t n)
{
    r->hits = malloc(n * sizeof *r->hits);
    if (!r->hits)
        return -1;
    for (size_t i = 0; i < n; i++) {
        const lkey *k = &p->keys[nodes[i]];
        r->flat = pv_wadd(r->flat, p->flat[nodes[i]]);
        r->cum = pv_wadd(r->cum, p->cum[nodes[i]]);
        r->hits[i] = (pv_list_line){k->lineno, p->flat[nodes[i]], p->cum[nodes[i]], NULL};
    }
    r->start_line = p->keys[nodes[0]].start_line;
    /* the line range: pprof compares each node with the range so far (in its node order) */
    const lkey *k0 = &p->keys[nodes[0]];
    int64_t start = k0->start_line ? k0->start_line : k0->lineno - MARGIN;
    int64_t end = k0->lineno + MARGIN;
    for (size_t i = 0; i < n; i++) {
        const lkey *k = &p->keys[nodes[i]];
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
    lpriv *p = calloc(1, sizeof *p);
    locnodes ln = {NULL, NULL, NULL};
    pv_regex rx = {.ok = 0};
    uint32_t *order = NULL;
    pv_options o;
    bool have_o = false;
    if (!l || !p) {
        free(l);
        free(p);
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    l->priv = p;
    p->m = m;
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
    const pv_selection *s = l->sel;
    l->total = s->total;
    l->unit = strdup(o.unit ? o.unit : "minimum");
    l->reader = pv_source_reader_new(o.source_path, o.trim_path, goroot);
    if (!l->unit || !l->reader)
        goto oom;
    /* pprof's newGraph trims function file names with the source_path setting as given */
    if (make_nodes(p, s, &rx, &ln, o.trim_path ? o.trim_path : "", o.source_path ? o.source_path : "") != 0 ||
        accumulate(p, s, &ln) != 0)
        goto oom;

    /* nodes pprof keeps (selectNodesForGraph), by name then file */
    order = malloc((p->nnodes ? p->nnodes : 1) * sizeof *order);
    if (!order)
        goto oom;
    size_t nn = 0;
    for (size_t i = 0; i < p->nnodes; i++) {
        int64_t f = p->flat[i], c = p->cum[i];
        if (f == 0 && c == 0)
            continue;
        if (o.drop_negative && (f < 0 || (f == 0 && c < 0)))
            continue;
        order[nn++] = (uint32_t)i;
    }
    if (nn == 0) {
        snprintf(err, errlen, "no matches found for regexp: %s", regex ? regex : "");
        goto fail;
    }
    qsort_r(order, nn, sizeof *order, cmp_nodes, p);
    l->routines = calloc(nn, sizeof *l->routines);
    if (!l->routines)
        goto oom;
    for (size_t i = 0; i < nn;) {
        pv_strid name = p->keys[order[i]].name;
        size_t j = i;
        while (j < nn && p->keys[order[j]].name == name)
            j++;
        /* [i, j): one function; nodes without a file come first (files[0] = "") */
        size_t k = i;
        while (k < j && p->keys[order[k]].file == 0)
            k++;
        if (k == j) {
            pv_list_routine *r = &l->routines[l->nroutines++];
            r->name = pv_str(m, name);
            r->file = "";
        }
        while (k < j) {
            uint32_t file = p->keys[order[k]].file;
            size_t e = k;
            while (e < j && p->keys[order[e]].file == file)
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
    free(ln.off);
    free(ln.nodes);
    free(ln.leaf);
    pv_regex_free(&rx);
    pv_options_free(&o);
    return l;
oom:
    snprintf(err, errlen, "out of memory");
fail:
    free(order);
    free(ln.off);
    free(ln.nodes);
    free(ln.leaf);
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

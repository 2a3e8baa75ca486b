/* The nodes of pprof's list and disasm reports over a selection. */
#include "profile/codenodes.h"

#include <stdlib.h>
#include <string.h>

#include "profile/source.h"
#include "profile/util.h"

typedef struct {
    size_t capnodes;
    pv_index index; /* key -> node */
    uint32_t *fslots; /* file name hash -> files index */
    size_t nfslots;
} cpriv;

static uint64_t key_hash(const pv_code_node *k)
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

static bool key_eq(const pv_code_node *a, const pv_code_node *b)
{
    return a->name == b->name && a->file == b->file && a->objfile == b->objfile && a->address == b->address &&
           a->lineno == b->lineno && a->start_line == b->start_line;
}

static uint64_t key_hash_elem(const void *k) { return key_hash(k); }
static bool key_eq_elem(const void *a, const void *b) { return key_eq(a, b); }
static const pv_index_kind node_kind = {sizeof(pv_code_node), key_hash_elem, key_eq_elem};

static uint32_t node_intern(pv_code_nodes *c, const pv_code_node *k)
{
    cpriv *p = c->priv;
    return pv_index_intern(&p->index, &node_kind, (void **)&c->nodes, &c->nnodes, &p->capnodes, k);
}

static uint64_t str_hash(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

/* The index of file name f (taken), 0 for "". PV_NONE on allocation failure. */
static uint32_t file_intern(pv_code_nodes *c, char *f)
{
    cpriv *p = c->priv;
    if (!f)
        return PV_NONE;
    if (!*f) {
        free(f);
        return 0;
    }
    if ((c->nfiles + 1) * 2 > p->nfslots) {
        size_t n = p->nfslots ? p->nfslots * 2 : 256;
        uint32_t *ns = malloc(n * sizeof *ns);
        if (!ns) {
            free(f);
            return PV_NONE;
        }
        memset(ns, 0xff, n * sizeof *ns);
        for (size_t i = 1; i < c->nfiles; i++) {
            size_t j = str_hash(c->files[i]) & (n - 1);
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
        if (!strcmp(c->files[p->fslots[j]], f)) {
            free(f);
            return p->fslots[j];
        }
        j = (j + 1) & (p->nfslots - 1);
    }
    size_t before = c->nfiles;
    pv_strv_add(&c->files, &c->nfiles, f);
    if (c->nfiles == before)
        return PV_NONE;
    p->fslots[j] = (uint32_t)before;
    return (uint32_t)before;
}

void pv_code_nodes_free(pv_code_nodes *c)
{
    if (!c)
        return;
    cpriv *p = c->priv;
    if (p) {
        pv_index_free(&p->index);
        free(p->fslots);
        free(p);
    }
    free(c->nodes);
    pv_strv_free(c->files, c->nfiles);
    free(c);
}

bool pv_code_node_kept(const pv_code_nodes *c, size_t i, bool drop_negative)
{
    const pv_code_node *n = &c->nodes[i];
    if (n->flat == 0 && n->cum == 0)
        return false;
    return !(drop_negative && (n->flat < 0 || (n->flat == 0 && n->cum < 0)));
}

/* Per location: the nodes of its wanted lines (innermost first) and its leaf node. */
typedef struct {
    uint32_t *off, *nodes;
    uint32_t *leaf; /* the innermost line's node when it is wanted, else PV_NONE */
} locnodes;

static int make_nodes(pv_code_nodes *c, const pv_selection *s, const pv_regex *rx, bool addresses, locnodes *ln)
{
    const pv_model *m = s->m;
    /* pprof's newGraph trims function file names with the source_path setting as given */
    const char *trim = s->o.trim_path ? s->o.trim_path : "";
    const char *search = s->o.source_path ? s->o.source_path : "";
    size_t nf = m->nfunctions ? m->nfunctions : 1;
    uint32_t *fn_file = malloc(nf * sizeof *fn_file);
    uint8_t *fn_match = malloc(nf);
    if (fn_file && fn_match)
        pv_strv_add(&c->files, &c->nfiles, strdup(""));
    if (!fn_file || !fn_match || c->nfiles != 1)
        goto fail;
    for (size_t i = 0; i < m->nfunctions; i++) {
        const pv_function *fn = &m->functions[i];
        fn_match[i] = !rx || pv_regex_match(rx, pv_str(m, fn->name));
        fn_file[i] = 0;
        if (!fn_match[i] || !fn->filename)
            continue;
        char *t = pv_source_trim(pv_str(m, fn->filename), trim, search);
        char *cl = t && *t ? pv_path_clean(t) : t ? strdup("") : NULL;
        free(t);
        fn_file[i] = file_intern(c, cl);
        if (fn_file[i] == PV_NONE)
            goto fail;
    }
    bool empty_match = !rx || pv_regex_match(rx, "");
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
        uint64_t addr = addresses ? loc->address : 0;
        uint32_t b = s->ll_off[i], e = s->ll_off[i + 1];
        if (!inlines && e - b > 1)
            b = e - 1;
        if (b == e) {
            if (!empty_match)
                continue;
            pv_code_node k = {.objfile = objfile, .address = addr};
            uint32_t n = node_intern(c, &k);
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
            pv_code_node k = {.name = fn->name,
                              .objfile = objfile,
                              .file = fn_file[l->function],
                              .address = addr,
                              .lineno = l->line,
                              .start_line = fn->start_line};
            uint32_t n = node_intern(c, &k);
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

/* pprof's newGraph over the wanted nodes: cum once per sample, flat on the leaf. */
static int accumulate(pv_code_nodes *c, const pv_selection *s, const locnodes *ln)
{
    size_t nn = c->nnodes ? c->nnodes : 1;
    uint32_t *stamp = malloc(nn * sizeof *stamp);
    if (!stamp)
        return -1;
    memset(stamp, 0xff, nn * sizeof *stamp);
    const uint32_t *stack = s->m->stack;
    pv_code_node *nodes = c->nodes;
    for (size_t i = 0; i < s->nsel; i++) {
        int64_t w = pv_selection_value(s, i);
        int64_t dw = pv_selection_divisor(s, i);
        if (w == 0 && dw == 0)
            continue;
        uint64_t b, e;
        pv_selection_stack(s, i, &b, &e);
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
                if (stamp[n] != (uint32_t)i) {
                    stamp[n] = (uint32_t)i;
                    nodes[n].cum = pv_wadd(nodes[n].cum, w);
                    nodes[n].cumdiv = pv_wadd(nodes[n].cumdiv, dw);
                }
            }
        }
        if (leaf != PV_NONE) {
            nodes[leaf].flat = pv_wadd(nodes[leaf].flat, w);
            nodes[leaf].flatdiv = pv_wadd(nodes[leaf].flatdiv, dw);
        }
    }
    free(stamp);
    return 0;
}

pv_code_nodes *pv_code_nodes_build(const pv_selection *s, const pv_regex *rx, bool addresses)
{
    pv_code_nodes *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->priv = calloc(1, sizeof(cpriv));
    locnodes ln = {NULL, NULL, NULL};
    int rc = -1;
    if (c->priv && make_nodes(c, s, rx, addresses, &ln) == 0)
        rc = accumulate(c, s, &ln);
    free(ln.off);
    free(ln.nodes);
    free(ln.leaf);
    if (rc != 0) {
        pv_code_nodes_free(c);
        return NULL;
    }
    return c;
}

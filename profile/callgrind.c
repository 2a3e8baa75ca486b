/* The callgrind report: pprof's printCallgrind over the untrimmed call graph at address
 * granularity, with callgrind's name and position compression. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "profile/callgraph.h"
#include "profile/measure.h"
#include "profile/util.h"

/* callgrind's name compression: "(N) name" the first time, "(N)" after; "" stays "". */
typedef struct {
    const char **names; /* by id - 1 */
    size_t n;
    uint32_t *slots; /* open addressing: id, 0 = empty */
    size_t nslots;
} name_ids;

static uint64_t name_hash(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

static void cg_name(FILE *out, name_ids *t, const char *name)
{
    if (!*name)
        return;
    if ((t->n + 1) * 2 > t->nslots) {
        size_t ns = t->nslots ? t->nslots * 2 : 256;
        uint32_t *sl = calloc(ns, sizeof *sl);
        const char **nn = realloc(t->names, ns / 2 * sizeof *nn);
        if (!sl || !nn) {
            free(sl);
            if (nn)
                t->names = nn;
            fputs(name, out);
            return;
        }
        t->names = nn;
        for (size_t i = 0; i < t->n; i++) {
            size_t j = name_hash(t->names[i]) & (ns - 1);
            while (sl[j])
                j = (j + 1) & (ns - 1);
            sl[j] = (uint32_t)i + 1;
        }
        free(t->slots);
        t->slots = sl;
        t->nslots = ns;
    }
    size_t j = name_hash(name) & (t->nslots - 1);
    while (t->slots[j]) {
        if (!strcmp(t->names[t->slots[j] - 1], name)) {
            fprintf(out, "(%u)", t->slots[j]);
            return;
        }
        j = (j + 1) & (t->nslots - 1);
    }
    t->names[t->n++] = name;
    t->slots[j] = (uint32_t)t->n;
    fprintf(out, "(%zu) %s", t->n, name);
}

static void cg_address(FILE *out, const pv_node_info *prev, uint64_t curr)
{
    char abs[32], rel[32];
    snprintf(abs, sizeof abs, "0x%" PRIx64, curr);
    if (!prev) {
        fputs(abs, out);
        return;
    }
    if (prev->address == curr) {
        fputs("*", out);
        return;
    }
    snprintf(rel, sizeof rel, "%+" PRId64, (int64_t)(curr - prev->address));
    fputs(strlen(rel) < strlen(abs) ? rel : abs, out);
}

/* pprof's getDisambiguatedNames: " [i/n]" after a name that n functions share, i in the
 * order the functions first appear. */
typedef struct {
    pv_strid name;
    uint32_t file, first, node;
} dn_key;

static int cmp_dn(const void *pa, const void *pb)
{
    const dn_key *x = pa, *y = pb;
    if (x->name != y->name)
        return x->name < y->name ? -1 : 1;
    if (x->file != y->file)
        return x->file < y->file ? -1 : 1;
    if (x->first != y->first)
        return x->first < y->first ? -1 : 1;
    return x->node < y->node ? -1 : x->node > y->node;
}

static char **disambiguated(const pv_callgraph *cg)
{
    const pv_graph *g = cg->graph;
    size_t n = cg->nnodes ? cg->nnodes : 1;
    char **names = calloc(n, sizeof *names);
    uint32_t *first = malloc(n * sizeof *first), *rank = malloc(n * sizeof *rank), *count = malloc(n * sizeof *count);
    dn_key *k = malloc(n * sizeof *k);
    if (!names || !first || !rank || !count || !k) {
        free(names);
        names = NULL;
        goto out;
    }
    memset(first, 0xff, n * sizeof *first);
    for (size_t i = 0; i < cg->nnodes; i++) {
        uint32_t f = cg->nodes[i].function;
        if (f < n && first[f] == UINT32_MAX)
            first[f] = (uint32_t)i;
    }
    for (size_t i = 0; i < cg->nnodes; i++) {
        const pv_node_info *a = &g->info[cg->nodes[i].info];
        uint32_t f = cg->nodes[i].function;
        k[i] = (dn_key){a->name, a->file, f < n ? first[f] : (uint32_t)i, (uint32_t)i};
    }
    qsort(k, cg->nnodes, sizeof *k, cmp_dn);
    for (size_t i = 0, j; i < cg->nnodes; i = j) {
        uint32_t r = 0;
        for (j = i; j < cg->nnodes && k[j].name == k[i].name && k[j].file == k[i].file; j++) {
            if (j > i && k[j].first != k[j - 1].first)
                r++;
            rank[k[j].node] = r;
        }
        for (size_t x = i; x < j; x++)
            count[k[x].node] = r + 1;
    }
    for (size_t i = 0; i < cg->nnodes; i++) {
        const char *nm = pv_str(g->m, g->info[cg->nodes[i].info].name);
        names[i] = count[i] > 1 ? pv_asprintf("%s [%u/%u]", nm, rank[i] + 1, count[i]) : strdup(nm);
    }
out:
    free(first);
    free(rank);
    free(count);
    free(k);
    return names;
}

void pv_print_callgrind(FILE *out, const pv_callgraph *cg)
{
    const pv_graph *g = cg->graph;
    const pv_model *m = g->m;
    const char *su = cg->sel->sample_unit;
    char **dn = disambiguated(cg);
    if (!dn)
        return;
    fprintf(out, "positions: instr line\n");
    fprintf(out, "events: %s(%s)\n", cg->sel->sample_type, cg->output_unit);
    name_ids objs = {0}, files = {0}, fns = {0};
    const pv_node_info *prev = NULL;
    pv_strid prev_obj = 0;
    for (size_t i = 0; i < cg->nnodes; i++) {
        const pv_cg_node *n = &cg->nodes[i];
        const pv_node_info *k = &g->info[n->info];
        pv_strid obj = cg->node_objfile[n->info];
        if (!prev || obj != prev_obj || k->file != prev->file || k->name != prev->name) {
            fprintf(out, "\nob=");
            cg_name(out, &objs, pv_str(m, obj));
            fprintf(out, "\nfl=");
            cg_name(out, &files, g->files[k->file]);
            fprintf(out, "\nfn=");
            cg_name(out, &fns, pv_str(m, k->name));
            fprintf(out, "\n");
        }
        char u[64];
        cg_address(out, prev, k->address);
        fprintf(out, " %" PRId64 " %" PRId64 "\n", k->lineno,
                pv_go_int64(pv_scale(pv_cg_flat(n), su, cg->output_unit, u, sizeof u)));
        for (size_t e = 0; e < n->nout; e++) {
            const pv_cg_edge *ed = &cg->edges[n->out[e]];
            const pv_node_info *c = &g->info[ed->dst_info];
            fprintf(out, "cfl=");
            cg_name(out, &files, g->files[c->file]);
            fprintf(out, "\ncfn=");
            cg_name(out, &fns, ed->dst != PV_NONE ? dn[ed->dst] : pv_str(m, c->name));
            fprintf(out, "\ncalls=0 ");
            cg_address(out, prev, c->address);
            fprintf(out, " %" PRId64 "\n", c->lineno);
            fprintf(out, "* * %" PRId64 "\n", pv_go_int64(pv_scale(ed->weight, su, cg->output_unit, u, sizeof u)));
        }
        prev = k;
        prev_obj = obj;
    }
    free(objs.names);
    free(files.names);
    free(fns.names);
    free(objs.slots);
    free(files.slots);
    free(fns.slots);
    for (size_t i = 0; i < cg->nnodes; i++)
        free(dn[i]);
    free(dn);
}

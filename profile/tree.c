/* The tree and peek reports: pprof's printTree over the call graph. */
#include "profile/tree.h"

#include <stdlib.h>
#include <string.h>

#include "profile/filter.h"
#include "profile/measure.h"

pv_tree *pv_tree_build(const pv_model *m, const pv_options *o, const char *regex, char *err, size_t errlen)
{
    pv_regex rx;
    memset(&rx, 0, sizeof rx);
    if (regex && pv_regex_compile(&rx, regex, err, errlen) != 0) {
        char msg[256];
        snprintf(msg, sizeof msg, "%s", err);
        snprintf(err, errlen, "parsing argument regexp %s: %s", regex, msg);
        return NULL;
    }
    pv_tree *t = calloc(1, sizeof *t);
    if (!t)
        goto oom;
    t->cg = pv_callgraph_build_only(m, o, regex ? PV_CG_PEEK : PV_CG_TREE, regex ? &rx : NULL, err, errlen);
    if (!t->cg)
        goto fail;
    t->shown = malloc((t->cg->nnodes ? t->cg->nnodes : 1) * sizeof *t->shown);
    if (!t->shown || (regex && !(t->regex = strdup(regex))))
        goto oom;
    for (size_t i = 0; i < t->cg->nnodes; i++)
        if (!regex || pv_regex_match(&rx, pv_callgraph_name(t->cg, (uint32_t)i)))
            t->shown[t->nshown++] = (uint32_t)i;
    if (regex)
        pv_regex_free(&rx);
    return t;
oom:
    snprintf(err, errlen, "out of memory");
fail:
    if (regex)
        pv_regex_free(&rx);
    pv_tree_free(t);
    return NULL;
}

void pv_tree_free(pv_tree *t)
{
    if (!t)
        return;
    pv_callgraph_free(t->cg);
    free(t->shown);
    free(t->regex);
    free(t);
}

static void print_edges(FILE *out, const pv_callgraph *cg, const uint32_t *edges, size_t n, bool in, int64_t cum)
{
    for (size_t k = 0; k < n; k++) {
        const pv_cg_edge *e = &cg->edges[edges[k]];
        char w[64], pct[32];
        pv_callgraph_format(cg, e->weight, w, sizeof w);
        pv_percentage(pct, sizeof pct, e->weight, cum);
        fprintf(out, "%50s %s |   %s%s\n", w, pct, pv_callgraph_info_name(cg, in ? e->src_info : e->dst_info),
                e->inl ? " (inline)" : "");
    }
}

int pv_print_tree(FILE *out, const pv_tree *t, char *err, size_t errlen)
{
    static const char sep[] = "----------------------------------------------------------+-------------";
    const pv_callgraph *cg = t->cg;
    if (t->regex && t->nshown == 0) {
        snprintf(err, errlen, "no matches found for regexp: %s", t->regex);
        return -1;
    }
    for (size_t i = 0; i < cg->nlabels; i++)
        fprintf(out, "%s\n", cg->labels[i]);
    fprintf(out, "%s\n", sep);
    fprintf(out, "      flat  flat%%   sum%%        cum   cum%%   calls calls%% + context \t \t \n");
    int64_t flat_sum = 0;
    for (size_t i = 0; i < t->nshown; i++) {
        const pv_cg_node *n = &cg->nodes[t->shown[i]];
        int64_t flat = pv_cg_flat(n), cum = pv_cg_cum(n);
        fprintf(out, "%s\n", sep);
        print_edges(out, cg, n->in, n->nin, true, cum);
        flat_sum = (int64_t)((uint64_t)flat_sum + (uint64_t)flat);
        char fv[64], cv[64], fp[32], sp[32], cp[32];
        pv_callgraph_format(cg, flat, fv, sizeof fv);
        pv_callgraph_format(cg, cum, cv, sizeof cv);
        pv_percentage(fp, sizeof fp, flat, cg->total);
        pv_percentage(sp, sizeof sp, flat_sum, cg->total);
        pv_percentage(cp, sizeof cp, cum, cg->total);
        fprintf(out, "%10s %s %s %10s %s                | %s\n", fv, fp, sp, cv, cp,
                pv_callgraph_name(cg, t->shown[i]));
        print_edges(out, cg, n->out, n->nout, false, cum);
    }
    if (cg->nnodes > 0)
        fprintf(out, "%s\n", sep);
    return 0;
}

/* The top report: pprof's newTrimmedGraph for text output, its order and labels. */
#include "profile/report.h"

#include <stdlib.h>
#include <string.h>

#include "profile/measure.h"
#include "profile/util.h"

void pv_report_free(pv_report *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->nrows; i++)
        free(r->rows[i].name);
    free(r->rows);
    pv_strv_free(r->labels, r->nlabels);
    free(r->output_unit);
    pv_graph_free(r->graph);
    pv_selection_free(r->sel);
    free(r);
}

void pv_report_format(const pv_report *r, int64_t v, char *out, size_t len)
{
    pv_selection_format(r->sel, r->output_unit, v, out, len);
}

int pv_report_edges(const pv_report *r, uint32_t node, bool callers, pv_edge_row **out, size_t *n)
{
    return pv_graph_node_edges(r->graph, node, callers, out, n);
}

/* The "Showing nodes accounting for ..." lines of pprof's reportLabels. */
static void showing_labels(pv_report *r, double nodefraction)
{
    char v1[64], v2[64], pct[32];
    pv_report_format(r, r->flat_sum, v1, sizeof v1);
    pv_report_format(r, r->total, v2, sizeof v2);
    pv_percentage(pct, sizeof pct, r->flat_sum, r->total);
    const char *tp = pct;
    while (*tp == ' ')
        tp++;
    pv_strv_add(&r->labels, &r->nlabels, pv_asprintf("Showing nodes accounting for %s, %s of %s total", v1, tp, v2));
    if (r->total != 0) {
        if (r->nodes_dropped > 0) {
            char cut[64];
            pv_report_format(r, pv_abs64(pv_go_int64((double)r->total * nodefraction)), cut, sizeof cut);
            pv_strv_add(&r->labels, &r->nlabels,
                        pv_asprintf("Dropped %zu node%s (cum <= %s)", r->nodes_dropped, r->nodes_dropped > 1 ? "s" : "",
                                    cut));
        }
        if (r->nrows > 0 && r->nrows < r->nodes_total)
            pv_strv_add(&r->labels, &r->nlabels,
                        pv_asprintf("Showing top %zu nodes out of %zu", r->nrows, r->nodes_total));
    }
}

/* pprof's "(inline)" and "(partial-inline)" marks: whether a row's node has inlined and
 * other calls into it among the edges left after trimming. Kept nodes keep their flat and
 * cum when pprof rebuilds the graph without the others; only the edges between them change,
 * and they matter here only for the marks of nodes that some location holds as an inlined
 * (not outermost) frame. An edge weighs at most the cum of either end when no weight is
 * negative: edges touching a node below the edge cut cannot survive it and are not
 * counted. */
int pv_report_marks(pv_report *r)
{
    if (!r->marks_pending)
        return 0;
    r->marks_pending = false; /* out of memory: the rows keep no marks */
    pv_graph *g = r->graph;
    size_t nn = g->nnodes ? g->nnodes : 1;
    uint8_t *want = calloc(nn, 1), *heavy = malloc(nn), *mark = calloc(nn, 1);
    int rc = -1;
    if (!want || !heavy || !mark)
        goto out;
    for (size_t i = 0; i < g->nnodes; i++)
        heavy[i] = g->negative || pv_abs64(g->cum[i]) >= r->edge_cut;
    bool need = false;
    for (size_t i = 0; i < r->nrows; i++) {
        uint32_t n = r->rows[i].node;
        if (g->inl_capable[n] && heavy[n])
            want[n] = 1, need = true;
    }
    if (need && pv_graph_kept_edges(g, want, heavy) != 0)
        goto out;
    for (size_t i = 0; need && i < g->neslots; i++) { /* bit 1: an inlined call in, bit 2: another */
        const pv_edge *e = &g->edges[i];
        if (e->used && pv_abs64(e->weight) >= r->edge_cut)
            mark[e->dst] |= e->inl ? 1 : 2;
    }
    for (size_t i = 0; i < r->nrows; i++) {
        uint8_t k = mark[r->rows[i].node];
        r->rows[i].inline_label = (k & 1) ? ((k & 2) ? "(partial-inline)" : "(inline)") : "";
    }
    rc = 0;
out:
    free(want);
    free(heavy);
    free(mark);
    return rc;
}

pv_report *pv_report_build(const pv_model *m, const pv_options *opts, char *err, size_t errlen)
{
    return pv_report_build_ex(m, opts, 0, err, errlen);
}

pv_report *pv_report_build_ex(const pv_model *m, const pv_options *opts, unsigned flags, char *err, size_t errlen)
{
    pv_report *r = calloc(1, sizeof *r);
    uint32_t *nodes = NULL;
    if (!r) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    pv_options o;
    if (pv_options_copy(&o, opts) != 0) {
        pv_options_free(&o);
        free(r);
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    /* pprof's command overrides for top: no node limit by default; -trim=false disables all cuts */
    if (o.nodecount == -1)
        o.nodecount = 0;
    if (!o.trim) {
        o.nodecount = 0;
        o.nodefraction = 0;
        o.edgefraction = 0;
    }
    r->sel = pv_selection_build(m, &o, err, errlen);
    if (!r->sel)
        goto fail;
    pv_selection *s = r->sel;
    r->total = s->total;
    r->sample_type = s->sample_type;
    r->sample_unit = s->sample_unit;
    r->ratio = s->ratio;
    r->warnings = s->warnings;
    r->nwarnings = s->nwarnings;
    r->nsamples_kept = s->nsel;

    r->graph = pv_graph_build(s, o.granularity, o.noinlines, err, errlen);
    if (!r->graph)
        goto fail;
    pv_graph *g = r->graph;

    /* pprof's newTrimmedGraph for a text report */
    nodes = malloc((g->nnodes ? g->nnodes : 1) * sizeof *nodes);
    if (!nodes)
        goto oom;
    size_t nn = 0;
    int64_t total_flat = 0;
    for (size_t i = 0; i < g->nnodes; i++) {
        if (g->cum[i] == 0 && g->flat[i] == 0)
            continue;
        if (o.drop_negative && (g->flat[i] < 0 || (g->flat[i] == 0 && g->cum[i] < 0)))
            continue;
        nodes[nn++] = (uint32_t)i;
        total_flat = pv_wadd(total_flat, g->flat[i]);
    }
    int64_t node_cut = pv_abs64(pv_go_int64((double)total_flat * o.nodefraction));
    int64_t edge_cut = pv_abs64(pv_go_int64((double)total_flat * o.edgefraction));
    bool trimmed = false;
    if (node_cut > 0) {
        size_t w = 0;
        for (size_t i = 0; i < nn; i++)
            if (pv_abs64(g->cum[nodes[i]]) >= node_cut)
                nodes[w++] = nodes[i];
        if (w != nn) {
            r->nodes_dropped = nn - w;
            nn = w;
            trimmed = true;
        }
    }
    r->nodes_total = nn;
    pv_graph_sort(g, nodes, nn, o.cum);
    if (o.nodecount > 0 && (size_t)o.nodecount < nn) {
        nn = (size_t)o.nodecount;
        trimmed = true;
    }
    if (trimmed) {
        g->kept = calloc(g->nnodes ? g->nnodes : 1, 1);
        if (!g->kept)
            goto oom;
        for (size_t i = 0; i < nn; i++)
            g->kept[nodes[i]] = 1;
    }
    r->edge_cut = edge_cut;
    r->rows = calloc(nn ? nn : 1, sizeof *r->rows);
    if (!r->rows)
        goto oom;
    int64_t minv = 0;
    for (size_t i = 0; i < nn; i++) {
        uint32_t n = nodes[i];
        pv_row *row = &r->rows[r->nrows++];
        row->name = strdup(pv_graph_node_name(g, n));
        row->flat = pv_graph_flat(g, n);
        row->cum = pv_graph_cum(g, n);
        row->node = n;
        row->inline_label = "";
        r->flat_sum = pv_wadd(r->flat_sum, row->flat);
        int64_t v = pv_abs64(row->flat);
        if (v == 0)
            v = pv_abs64(row->cum);
        if (v > 0 && (minv == 0 || v < minv))
            minv = v;
    }
    r->output_unit = nn ? pv_selection_output_unit(s, minv) : strdup(o.unit ? o.unit : "minimum");
    if (!r->output_unit)
        goto oom;
    if (!o.compact_labels)
        pv_selection_header(s, r->output_unit, &r->labels, &r->nlabels);
    pv_selection_filters_header(s, &r->labels, &r->nlabels);
    showing_labels(r, o.nodefraction);
    r->marks_pending = true;
    if (!(flags & PV_REPORT_MARKS_LATER) && pv_report_marks(r) != 0)
        goto oom;
    free(nodes);
    pv_options_free(&o);
    return r;

oom:
    snprintf(err, errlen, "out of memory");
fail:
    free(nodes);
    pv_options_free(&o);
    pv_report_free(r);
    return NULL;
}

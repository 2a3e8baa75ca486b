/* The traces report: pprof's printTraces over the selection, the graph's nodes per
 * location and the merged samples. */
#include "profile/traces.h"

#include <stdlib.h>
#include <string.h>

#include "profile/measure.h"
#include "profile/util.h"

size_t pv_rune_count(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s, *e = p + len;
    size_t n = 0;
    while (p < e) {
        unsigned c = *p;
        size_t k = c < 0x80 ? 1 : c >= 0xc2 && c < 0xe0 ? 2 : c >= 0xe0 && c < 0xf0 ? 3 : c >= 0xf0 && c < 0xf5 ? 4 : 0;
        bool ok = k > 0 && (size_t)(e - p) >= k;
        for (size_t i = 1; ok && i < k; i++)
            ok = (p[i] & 0xc0) == 0x80;
        if (ok && k == 3) {
            unsigned cp = (c & 0x0f) << 12 | (p[1] & 0x3fu) << 6 | (p[2] & 0x3fu);
            ok = cp >= 0x800 && !(cp >= 0xd800 && cp <= 0xdfff);
        } else if (ok && k == 4) {
            unsigned cp = (c & 0x07) << 18 | (p[1] & 0x3fu) << 12 | (p[2] & 0x3fu) << 6 | (p[3] & 0x3fu);
            ok = cp >= 0x10000 && cp <= 0x10ffff;
        }
        p += ok ? k : 1;
        n++;
    }
    return n;
}

void pv_fput_padded(FILE *out, const char *s, int width)
{
    size_t len = strlen(s);
    size_t r = pv_rune_count(s, len);
    for (size_t i = r; i < (size_t)(width > 0 ? width : 0); i++)
        fputc(' ', out);
    fwrite(s, 1, len, out);
}

void pv_traces_free(pv_traces *t)
{
    if (!t)
        return;
    pv_strv_free(t->labels, t->nlabels);
    free(t->blocks);
    free(t->output_unit);
    pv_compact_free(t->compact);
    pv_graph_free(t->graph);
    pv_selection_free(t->sel);
    free(t);
}

pv_traces *pv_traces_build(const pv_model *m, const pv_options *o, char *err, size_t errlen)
{
    pv_traces *t = calloc(1, sizeof *t);
    if (!t)
        goto oom;
    t->sel = pv_selection_build(m, o, err, errlen);
    if (!t->sel)
        goto fail;
    m = t->sel->m; /* with tagroot/tagleaf, the selection's own model */
    const pv_selection *s = t->sel;
    t->graph = pv_graph_build(s, o->granularity, o->noinlines, err, errlen);
    if (!t->graph)
        goto fail;
    t->compact = pv_compact_build(m, err, errlen);
    if (!t->compact)
        goto fail;
    const pv_compact *c = t->compact;
    t->output_unit = strdup(o->unit ? o->unit : "minimum");
    t->blocks = malloc((s->nsel ? s->nsel : 1) * sizeof *t->blocks);
    if (!t->output_unit || !t->blocks)
        goto oom;
    const pv_graph *g = t->graph;
    for (size_t i = 0; i < s->nsel; i++) {
        uint32_t smp = s->sel[i];
        uint32_t k = c->cls[smp];
        if (c->rep[k] != smp || !c->keep[k])
            continue; /* a later member of a merged sample, or a sample that merged to zero */
        pv_trace_block *b = &t->blocks[t->nblocks];
        pv_selection_stack(s, i, &b->sb, &b->se);
        bool any = false;
        for (uint64_t j = b->sb; j < b->se && !any; j++) {
            uint32_t li = m->stack[j];
            any = !s->hidden[li] && g->ln_off[li + 1] > g->ln_off[li];
        }
        if (!any)
            continue;
        b->sample = smp;
        const int64_t *v = c->vals + (size_t)k * m->ntypes;
        b->value = v[s->vidx];
        if (s->didx >= 0)
            b->value = pv_div64(b->value, v[s->didx]);
        t->nblocks++;
    }
    pv_selection_header(s, t->output_unit, &t->labels, &t->nlabels);
    return t;
oom:
    snprintf(err, errlen, "out of memory");
fail:
    pv_traces_free(t);
    return NULL;
}

size_t pv_traces_frames(const pv_traces *t, size_t b, pv_trace_frame **buf, size_t *cap)
{
    const pv_trace_block *blk = &t->blocks[b];
    const pv_model *m = t->sel->m;
    const pv_graph *g = t->graph;
    size_t n = 0;
    for (uint64_t j = blk->sb; j < blk->se; j++) {
        uint32_t li = m->stack[j];
        if (t->sel->hidden[li])
            continue;
        uint32_t lb = g->ln_off[li], le = g->ln_off[li + 1];
        if (pv_grow((void **)buf, cap, n + (le - lb), sizeof **buf) != 0)
            return (size_t)-1;
        for (uint32_t k = lb; k < le; k++)
            (*buf)[n++] = (pv_trace_frame){li, g->ln[k], k + 1 != le};
    }
    return n;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* One "%10s:  v1 v2\n" line per key of the wanted kind, keys in first-seen order, sorted. */
static void label_lines(const pv_traces *t, size_t b, bool numeric, char ***lines, size_t *n)
{
    const pv_selection *s = t->sel;
    const pv_model *m = s->m;
    uint32_t smp = t->blocks[b].sample;
    uint64_t lb = m->label_off[smp], le = m->label_off[smp + 1];
    size_t first = *n;
    for (uint64_t i = lb; i < le; i++) {
        const pv_label *l = &m->labels[i];
        if ((l->str == 0) != numeric || !pv_selection_label_shown(s, l->key))
            continue;
        bool seen = false;
        for (uint64_t j = lb; j < i && !seen; j++)
            seen = m->labels[j].key == l->key && (m->labels[j].str == 0) == numeric;
        if (seen)
            continue;
        /* the values of this key, in order */
        char *vals = NULL;
        size_t vlen = 0;
        FILE *f = open_memstream(&vals, &vlen);
        if (!f)
            continue;
        bool sp = false;
        for (uint64_t j = i; j < le; j++) {
            const pv_label *x = &m->labels[j];
            if (x->key != l->key || (x->str == 0) != numeric)
                continue;
            if (sp)
                fputc(' ', f);
            sp = true;
            if (numeric) {
                char v[128];
                pv_scaled_label(v, sizeof v, x->num, pv_selection_label_unit(s, x->key), "auto");
                fputs(v, f);
            } else {
                fputs(pv_str(m, x->str), f);
            }
        }
        fclose(f);
        char *line = NULL;
        size_t llen = 0;
        FILE *lf = open_memstream(&line, &llen);
        if (lf) {
            pv_fput_padded(lf, pv_str(m, l->key), 10);
            fprintf(lf, ":  %s\n", vals ? vals : "");
            fclose(lf);
            pv_strv_add(lines, n, line);
        }
        free(vals);
    }
    if (*n > first)
        qsort(*lines + first, *n - first, sizeof **lines, cmp_str);
}

void pv_traces_labels(const pv_traces *t, size_t b, char ***lines, size_t *n)
{
    label_lines(t, b, false, lines, n);
    label_lines(t, b, true, lines, n);
}

int pv_print_traces(FILE *out, pv_traces *t)
{
    static const char separator[] = "-----------+-------------------------------------------------------";
    for (size_t i = 0; i < t->nlabels; i++)
        fprintf(out, "%s%s", i ? "\n" : "", t->labels[i]);
    fputc('\n', out);
    const pv_model *m = t->sel->m;
    pv_trace_frame *fr = NULL;
    size_t cap = 0;
    for (size_t b = 0; b < t->nblocks; b++) {
        fprintf(out, "%s\n", separator);
        if (m->label_off[t->blocks[b].sample + 1] > m->label_off[t->blocks[b].sample]) {
            char **lines = NULL;
            size_t nl = 0;
            pv_traces_labels(t, b, &lines, &nl);
            for (size_t i = 0; i < nl; i++)
                fputs(lines[i], out);
            pv_strv_free(lines, nl);
        }
        size_t n = pv_traces_frames(t, b, &fr, &cap);
        if (n == (size_t)-1) {
            free(fr);
            return -1;
        }
        char v[64] = "";
        pv_selection_format(t->sel, t->output_unit, t->blocks[b].value, v, sizeof v);
        for (size_t i = 0; i < n; i++) {
            fprintf(out, "%10s   %s%s\n", i == 0 ? v : "", pv_graph_node_name(t->graph, fr[i].node),
                    fr[i].inl ? " (inline)" : "");
        }
    }
    fprintf(out, "%s\n", separator);
    free(fr);
    return 0;
}

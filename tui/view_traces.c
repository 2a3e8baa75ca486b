/* The traces view: every sample's stack after the filters, one block per stack, as pprof's
 * -traces (goroutine profiles grouped as pprof groups them); the heaviest block first. Rows
 * are the lines of the blocks; frames can be selected: Enter peeks at the frame's function,
 * { and } move by block. Blocks come from the traces product (profile/traces.h). */
#include <stdlib.h>
#include <string.h>

#include "profile/traces.h"
#include "profile/util.h"
#include "tui/app.h"

typedef enum { TR_HEAD, TR_LABEL, TR_FRAME, TR_GAP } tr_kind;

typedef struct {
    tr_kind kind;
    uint32_t block;
    uint32_t node; /* frames: graph node */
    bool inl;
    char *text;    /* labels: the line */
} tr_row;

typedef struct {
    pv_traces *t;     /* from the product cache: not owned */
    uint32_t *order;  /* blocks, heaviest first */
    tr_row *rows;
    size_t nrows, cap;
} traces_data;

static void *traces_build(pv_app *a, char *err, size_t errlen)
{
    return pv_traces_build(a->model, a->opts, err, errlen);
}

static void traces_free_product(void *p) { pv_traces_free(p); }

static void clear(traces_data *d)
{
    for (size_t i = 0; i < d->nrows; i++) free(d->rows[i].text);
    free(d->rows);
    free(d->order);
    d->rows = NULL;
    d->order = NULL;
    d->nrows = d->cap = 0;
}

static int push(traces_data *d, tr_row r)
{
    if (d->nrows == d->cap) {
        size_t nc = d->cap ? d->cap * 2 : 256;
        tr_row *n = realloc(d->rows, nc * sizeof *n);
        if (!n) return -1;
        d->rows = n;
        d->cap = nc;
    }
    d->rows[d->nrows++] = r;
    return 0;
}


static int cmp_block(const void *x, const void *y, void *ctx)
{
    const pv_traces *t = ctx;
    int64_t a = pv_abs64(t->blocks[*(const uint32_t *)x].value), b = pv_abs64(t->blocks[*(const uint32_t *)y].value);
    if (a != b) return a > b ? -1 : 1;
    return *(const uint32_t *)x < *(const uint32_t *)y ? -1 : 1;
}

static int load(pv_app *a, traces_data *d)
{
    clear(d);
    d->t = pv_app_product(a, "traces", traces_build, traces_free_product);
    if (!d->t) return -1;
    size_t nb = d->t->nblocks;
    d->order = malloc((nb ? nb : 1) * sizeof *d->order);
    if (!d->order) return -1;
    for (size_t i = 0; i < nb; i++) d->order[i] = (uint32_t)i;
    if (nb > 1) qsort_r(d->order, nb, sizeof *d->order, cmp_block, d->t);
    pv_trace_frame *fr = NULL;
    size_t cap = 0;
    for (size_t i = 0; i < nb; i++) {
        uint32_t b = d->order[i];
        if (push(d, (tr_row){TR_HEAD, b, PV_NONE, false, NULL})) break;
        char **labels = NULL;
        size_t nl = 0;
        pv_traces_labels(d->t, b, &labels, &nl);
        for (size_t k = 0; k < nl; k++) {
            if (push(d, (tr_row){TR_LABEL, b, PV_NONE, false, labels[k]})) free(labels[k]);
            labels[k] = NULL;
        }
        free(labels);
        size_t nf = pv_traces_frames(d->t, b, &fr, &cap);
        for (size_t k = 0; nf != (size_t)-1 && k < nf; k++)
            push(d, (tr_row){TR_FRAME, b, fr[k].node, fr[k].inl, NULL});
        push(d, (tr_row){TR_GAP, b, PV_NONE, false, NULL});
    }
    free(fr);
    return 0;
}

static int traces_open(pv_app *a, pv_view *v, const char *arg)
{
    (void)arg;
    traces_data *d = calloc(1, sizeof *d);
    if (!d) return -1;
    if (load(a, d) != 0) {
        clear(d);
        free(d);
        return -1;
    }
    v->data = d;
    v->sel = 0;
    return 0;
}

static void traces_close(pv_view *v)
{
    traces_data *d = v->data;
    if (d) clear(d);
    free(d);
    v->data = NULL;
}

static unsigned traces_reload(pv_app *a, pv_view *v)
{
    if (load(a, v->data) != 0) return PV_CH_CLOSE;
    v->sel = v->top = 0;
    return PV_CH_DRAW;
}

static size_t traces_nrows(const pv_view *v) { return ((const traces_data *)v->data)->nrows; }

static void traces_title(pv_app *a, pv_view *v, int y)
{
    traces_data *d = v->data;
    char t[160];
    snprintf(t, sizeof t, "traces: %zu stacks, heaviest first ({ } move by stack, Enter peeks)",
             d->t ? d->t->nblocks : (size_t)0);
    pv_screen_fill(&a->scr, y, 0, a->scr.cols, PV_ROLE_COLHEAD);
    pv_screen_text(&a->scr, y, 0, a->scr.cols, PV_ROLE_COLHEAD, t, NULL, 0, 0);
}

static const char *node_name(pv_app *a, const traces_data *d, uint32_t node)
{
    (void)a;
    return node != PV_NONE ? pv_graph_node_name(d->t->graph, node) : "";
}

static void traces_row(pv_app *a, pv_view *v, size_t i, int y, bool selected)
{
    traces_data *d = v->data;
    const tr_row *r = &d->rows[i];
    pv_screen *s = &a->scr;
    pv_role base = selected ? PV_ROLE_SELECTION : PV_ROLE_NORMAL;
    if (selected) pv_screen_fill(s, y, 0, s->cols, PV_ROLE_SELECTION);
    switch (r->kind) {
    case TR_HEAD: {
        char val[64], pct[32];
        int64_t value = d->t->blocks[r->block].value;
        pv_app_value(a, value, val, sizeof val);
        pv_app_percent(a, value, pct, sizeof pct);
        char line[160];
        snprintf(line, sizeof line, "%10s %s", val, pct);
        pv_screen_text(s, y, 0, s->cols, selected ? base : pv_app_heat(a, value), line, NULL, 0, 0);
        break;
    }
    case TR_LABEL: pv_screen_text(s, y, 0, s->cols, selected ? base : PV_ROLE_KEY, r->text, NULL, 0, 0); break;
    case TR_FRAME: {
        const char *name = node_name(a, d, r->node);
        pv_span spans[16];
        size_t ns = pv_app_matches(a, name, spans, 16);
        int x = pv_screen_text(s, y, 0, s->cols, base, "           ", NULL, 0, 0);
        x += pv_screen_text(s, y, x, s->cols - x, base, name, spans, ns, PV_ROLE_MATCH);
        if (r->inl && x + 1 < s->cols) pv_screen_text(s, y, x + 1, s->cols - x - 1, base, "(inline)", NULL, 0, 0);
        break;
    }
    case TR_GAP: pv_screen_text(s, y, 0, s->cols, PV_ROLE_COLD,
                                "-----------+-------------------------------------------------------", NULL, 0, 0);
        break;
    }
}

static const char *traces_row_name(const pv_view *v, size_t i)
{
    const traces_data *d = v->data;
    const tr_row *r = &d->rows[i];
    return r->kind == TR_FRAME ? pv_graph_node_name(d->t->graph, r->node) : NULL;
}

/* f/i/h/#: the frame's function (or file, or mapping) from the traces product's graph */
static char *traces_row_subject(pv_app *a, pv_view *v)
{
    (void)a;
    const traces_data *d = v->data;
    if (v->sel >= d->nrows || d->rows[v->sel].kind != TR_FRAME) return NULL;
    const pv_graph *g = d->t->graph;
    const pv_node_info *k = &g->info[d->rows[v->sel].node];
    const pv_model *m = d->t->sel->m; /* with tagroot/tagleaf, names the loaded model lacks */
    if (k->name) return strdup(pv_str(m, k->name));
    if (k->file) return strdup(g->files[k->file]);
    if (k->objfile) return strdup(pv_str(m, k->objfile));
    return NULL;
}

static void traces_status(pv_app *a, pv_view *v, char *out, size_t len)
{
    traces_data *d = v->data;
    const tr_row *r = &d->rows[v->sel];
    char val[64], pct[32];
    int64_t value = d->t->blocks[r->block].value;
    pv_app_value(a, value, val, sizeof val);
    pv_app_percent(a, value, pct, sizeof pct);
    size_t rank = 0;
    for (size_t i = 0; i < d->t->nblocks; i++)
        if (d->order[i] == r->block) rank = i;
    snprintf(out, len, "stack %zu/%zu  %s (%s)  %s", rank + 1, d->t->nblocks, val, pct + strspn(pct, " "),
             r->kind == TR_FRAME ? pv_graph_node_name(d->t->graph, r->node) : "");
}

/* the first frame of the next (dir > 0) or previous block */
static unsigned move_block(pv_app *a, pv_view *v, int dir)
{
    (void)a;
    traces_data *d = v->data;
    if (!d->nrows) return PV_CH_NONE;
    uint32_t cur = d->rows[v->sel].block;
    size_t i = v->sel;
    if (dir > 0) {
        while (i < d->nrows && d->rows[i].block == cur) i++;
    } else {
        while (i > 0 && d->rows[i].block == cur) i--;
        uint32_t prev = d->rows[i].block;
        while (i > 0 && d->rows[i - 1].block == prev) i--;
    }
    while (i < d->nrows && d->rows[i].kind != TR_FRAME) i++;
    if (i >= d->nrows) return PV_CH_NONE;
    v->sel = i;
    v->top = i > 0 ? i - 1 : 0;
    return PV_CH_DRAW;
}

static unsigned traces_request(pv_app *a, pv_view *v, pv_request req)
{
    traces_data *d = v->data;
    switch (req) {
    case PV_REQ_BLOCK_NEXT: return move_block(a, v, 1);
    case PV_REQ_BLOCK_PREV: return move_block(a, v, -1);
    case PV_REQ_ENTER: {
        if (v->sel >= d->nrows || d->rows[v->sel].kind != TR_FRAME) return PV_CH_NONE;
        /* peek at the frame's function in the top report (same granularity) */
        const char *name = pv_graph_node_name(d->t->graph, d->rows[v->sel].node);
        return pv_app_open(a, "peek", name);
    }
    default: return PV_CH_UNHANDLED;
    }
}

static const pv_keybind traces_keys[] = {{'}', PV_REQ_BLOCK_NEXT}, {'{', PV_REQ_BLOCK_PREV}};

const pv_view_ops pv_view_traces = {
    .name = "traces",
    .open = traces_open,
    .close = traces_close,
    .reload = traces_reload,
    .nrows = traces_nrows,
    .draw_title = traces_title,
    .draw_row = traces_row,
    .row_name = traces_row_name,
    .row_subject = traces_row_subject,
    .status = traces_status,
    .request = traces_request,
    .keys = traces_keys,
    .nkeys = 2,
};

/* The peek view: callers of a function above it, its callees below, with edge weights. */
#include <stdlib.h>
#include <string.h>

#include "profile/callgraph.h"
#include "profile/measure.h"
#include "tui/app.h"

typedef enum { PK_TITLE, PK_CALLER, PK_SELF, PK_CALLEE, PK_NOTE } pk_kind;

typedef struct {
    pk_kind kind;
    char *name;
    int64_t weight; /* edge weight; for PK_SELF the cum */
    int64_t flat;   /* PK_SELF only */
    const char *note;
    uint32_t node; /* graph node, PV_NONE for titles and notes */
} pk_row;

typedef struct {
    char *name;     /* the function peeked at */
    int64_t cum;    /* its cum, for the share column */
    pk_row *rows;
    size_t nrows;
} peek_data;

static void clear_rows(peek_data *d)
{
    for (size_t i = 0; i < d->nrows; i++) free(d->rows[i].name);
    free(d->rows);
    d->rows = NULL;
    d->nrows = 0;
}

static void add(peek_data *d, pk_kind k, const char *name, int64_t w, int64_t flat)
{
    pk_row *r = realloc(d->rows, (d->nrows + 1) * sizeof *r);
    if (!r) return;
    d->rows = r;
    r = &d->rows[d->nrows++];
    r->kind = k;
    r->name = name ? strdup(name) : NULL;
    r->weight = w;
    r->flat = flat;
    r->note = k == PK_NOTE ? name : NULL;
    r->node = PV_NONE;
}

/* Callers or callees of node n of a peek product (pprof's edges, in pprof's order). */
static void add_edges(peek_data *d, const pv_callgraph *cg, const pv_cg_node *n, bool callers)
{
    add(d, PK_TITLE, callers ? "callers" : "callees", 0, 0);
    size_t ne = callers ? n->nin : n->nout;
    for (size_t i = 0; i < ne; i++) {
        const pv_cg_edge *e = &cg->edges[callers ? n->in[i] : n->out[i]];
        add(d, callers ? PK_CALLER : PK_CALLEE, pv_callgraph_info_name(cg, callers ? e->src_info : e->dst_info),
            e->weight, 0);
        d->rows[d->nrows - 1].note = e->inl ? "(inline)" : NULL;
        d->rows[d->nrows - 1].node = callers ? e->src_info : e->dst_info;
    }
    if (!ne) add(d, PK_NOTE, callers ? "(no callers: a root)" : "(no callees: a leaf)", 0, 0);
}

/* Rebuilds the rows from the app's report; -1 if the function is not in it any more. */
static int load(pv_app *a, peek_data *d, size_t *self_row)
{
    clear_rows(d);
    const pv_report *rep = a->report;
    const pv_row *self = NULL;
    for (size_t i = 0; rep && i < rep->nrows; i++)
        if (!strcmp(rep->rows[i].name, d->name)) self = &rep->rows[i];
    if (!self) return -1;
    d->cum = self->cum;
    char err[256];
    pv_callgraph *cg = pv_callgraph_build_node(rep->sel, rep->graph, self->node, err, sizeof err);
    const pv_cg_node *n = NULL;
    for (size_t i = 0; cg && i < cg->nnodes; i++)
        if (cg->nodes[i].info == self->node) n = &cg->nodes[i];
    if (n) add_edges(d, cg, n, true);
    *self_row = d->nrows;
    add(d, PK_SELF, self->name, self->cum, self->flat);
    d->rows[d->nrows - 1].node = self->node;
    if (n) add_edges(d, cg, n, false);
    pv_callgraph_free(cg);
    return 0;
}

static int peek_open(pv_app *a, pv_view *v, const char *arg)
{
    peek_data *d = calloc(1, sizeof *d);
    if (!d || !arg || !(d->name = strdup(arg))) {
        free(d);
        return -1;
    }
    size_t self;
    if (load(a, d, &self)) {
        pv_app_message(a, PV_ROLE_ERROR, "%s is not in the report", arg);
        free(d->name);
        free(d);
        return -1;
    }
    v->data = d;
    v->sel = self;
    return 0;
}

static void peek_close(pv_view *v)
{
    peek_data *d = v->data;
    if (!d) return;
    clear_rows(d);
    free(d->name);
    free(d);
    v->data = NULL;
}

static unsigned peek_refresh(pv_app *a, pv_view *v)
{
    size_t self;
    if (load(a, v->data, &self)) return PV_CH_CLOSE;
    v->sel = self;
    return PV_CH_DRAW;
}

static size_t peek_nrows(const pv_view *v) { return ((const peek_data *)v->data)->nrows; }

static void peek_title(pv_app *a, pv_view *v, int y)
{
    (void)v;
    pv_screen_fill(&a->scr, y, 0, a->scr.cols, PV_ROLE_COLHEAD);
    pv_screen_text(&a->scr, y, 0, a->scr.cols, PV_ROLE_COLHEAD,
                   "    weight  total%  share  function (peek; Enter follows, Esc goes back)", NULL, 0, 0);
}

static void peek_row(pv_app *a, pv_view *v, size_t i, int y, bool selected)
{
    peek_data *d = v->data;
    pk_row *r = &d->rows[i];
    pv_screen *s = &a->scr;
    char w[64], p[32], share[32], buf[256];
    pv_role base = selected ? PV_ROLE_SELECTION : PV_ROLE_NORMAL;
    if (r->kind == PK_TITLE || r->kind == PK_NOTE) {
        pv_screen_text(s, y, 2, s->cols - 2, r->kind == PK_TITLE ? PV_ROLE_TITLE : PV_ROLE_NORMAL,
                       r->name, NULL, 0, 0);
        return;
    }
    if (selected) pv_screen_fill(s, y, 0, s->cols, PV_ROLE_SELECTION);
    pv_span spans[16];
    size_t ns = pv_app_matches(a, r->name, spans, 16);
    if (r->kind == PK_SELF) {
        char f[64], fp[32];
        pv_app_value(a, r->flat, f, sizeof f);
        pv_app_percent(a, r->flat, fp, sizeof fp);
        pv_app_value(a, r->weight, w, sizeof w);
        pv_app_percent(a, r->weight, p, sizeof p);
        /* numbers first, in the columns of the other rows; the name is what gets cut */
        snprintf(buf, sizeof buf, "%10s  %6s  flat %s (%s)  ", w, p, f, fp + strspn(fp, " "));
        int x = pv_screen_text(s, y, 0, s->cols, base, buf, NULL, 0, 0);
        x += pv_screen_text(s, y, x, s->cols - x, selected ? base : PV_ROLE_TITLE, a->glyphs.self_mark, NULL, 0, 0);
        x += pv_screen_text(s, y, x, s->cols - x, base, " ", NULL, 0, 0);
        pv_screen_text(s, y, x, s->cols - x, selected ? base : PV_ROLE_TITLE, r->name, spans, ns, PV_ROLE_MATCH);
        return;
    }
    pv_app_value(a, r->weight, w, sizeof w);
    pv_app_percent(a, r->weight, p, sizeof p);
    pv_percentage(share, sizeof share, r->weight, d->cum);
    snprintf(buf, sizeof buf, "%10s  %6s %6s  ", w, p, share);
    int x = pv_screen_text(s, y, 0, s->cols, base, buf, NULL, 0, 0);
    pv_screen_paint(s, y, 12, 6, selected ? base : pv_app_heat(a, r->weight));
    x += pv_screen_text(s, y, x, s->cols - x, selected ? base : PV_ROLE_KEY,
                        r->kind == PK_CALLER ? a->glyphs.caller_mark : a->glyphs.callee_mark, NULL, 0, 0);
    x += pv_screen_text(s, y, x, s->cols - x, base, " ", NULL, 0, 0);
    x += pv_screen_text(s, y, x, s->cols - x, base, r->name, spans, ns, PV_ROLE_MATCH);
    if (r->note && x + 1 < s->cols) pv_screen_text(s, y, x + 1, s->cols - x - 1, base, r->note, NULL, 0, 0);
}

static uint32_t peek_row_node(pv_app *a, pv_view *v)
{
    (void)a;
    const peek_data *d = v->data;
    return v->sel < d->nrows ? d->rows[v->sel].node : PV_NONE;
}

static const char *peek_row_name(const pv_view *v, size_t i)
{
    const pk_row *r = &((const peek_data *)v->data)->rows[i];
    return r->kind == PK_TITLE || r->kind == PK_NOTE ? NULL : r->name;
}

static void peek_status(pv_app *a, pv_view *v, char *out, size_t len)
{
    peek_data *d = v->data;
    const pk_row *r = &d->rows[v->sel];
    char w[64], p[32], share[32];
    if (r->kind == PK_TITLE || r->kind == PK_NOTE) {
        out[0] = 0;
        return;
    }
    pv_app_value(a, r->weight, w, sizeof w);
    pv_app_percent(a, r->weight, p, sizeof p);
    pv_percentage(share, sizeof share, r->weight, d->cum);
    if (r->kind == PK_SELF)
        snprintf(out, len, "cum %s (%s)  %s", w, p + strspn(p, " "), r->name);
    else
        snprintf(out, len, "%s %s (%s of total, %s of %s)  %s", r->kind == PK_CALLER ? "calls in" : "calls out",
                 w, p + strspn(p, " "), share + strspn(share, " "), d->name, r->name);
}

static unsigned peek_request(pv_app *a, pv_view *v, pv_request req)
{
    peek_data *d = v->data;
    if (req != PV_REQ_ENTER) return PV_CH_UNHANDLED;
    const pk_row *r = &d->rows[v->sel];
    if (r->kind != PK_CALLER && r->kind != PK_CALLEE) return PV_CH_NONE;
    return pv_app_open(a, "peek", r->name);
}

const pv_view_ops pv_view_peek = {
    .name = "peek",
    .open = peek_open,
    .close = peek_close,
    .reload = peek_refresh,
    .nrows = peek_nrows,
    .draw_title = peek_title,
    .draw_row = peek_row,
    .row_name = peek_row_name,
    .row_node = peek_row_node,
    .status = peek_status,
    .request = peek_request,
};

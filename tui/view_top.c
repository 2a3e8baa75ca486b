/* The top view: pprof's -top table (flat, flat%, sum%, cum, cum%, name). */
#include <stdlib.h>
#include <string.h>

#include "tui/app.h"

typedef struct {
    const pv_report *report; /* the app's; rows are not copied */
    int64_t *running;        /* running[i]: sum of flat over rows 0..i, for sum% */
} top_data;

#define NAME_COL 44 /* "%10s %6s %6s %10s %6s  " as pprof prints */

static int top_open(pv_app *a, pv_view *v, const char *arg)
{
    (void)a;
    (void)arg;
    v->data = calloc(1, sizeof(top_data));
    return v->data ? 0 : -1;
}

static void top_close(pv_view *v)
{
    top_data *d = v->data;
    if (d) free(d->running);
    free(d);
    v->data = NULL;
}

static unsigned top_refresh(pv_app *a, pv_view *v)
{
    top_data *d = v->data;
    const char *keep = d->report && v->sel < d->report->nrows ? d->report->rows[v->sel].name : NULL;
    char *name = keep ? strdup(keep) : NULL;
    free(d->running);
    d->running = NULL;
    d->report = a->report;
    size_t n = d->report ? d->report->nrows : 0;
    if (n) d->running = malloc(n * sizeof *d->running);
    if (!d->running) n = 0;
    int64_t sum = 0;
    for (size_t i = 0; i < n; i++) d->running[i] = sum += d->report->rows[i].flat;
    /* keep the selected function selected if it is still there and on the first screen of
     * the new order; else the hottest rows are what matters: back to the top, and say so */
    size_t was = v->sel;
    v->sel = 0;
    v->top = 0;
    for (size_t i = 0; name && i < n; i++)
        if (!strcmp(d->report->rows[i].name, name)) {
            size_t h = a->body_lines > 0 ? (size_t)a->body_lines : 1;
            if (i < h) v->sel = i;
            else if (was > 0)
                pv_app_message(a, PV_ROLE_MESSAGE, "back to the top: %s is row %zu of %zu now", name, i + 1, n);
            break;
        }
    free(name);
    return PV_CH_DRAW;
}

static size_t top_nrows(const pv_view *v)
{
    const top_data *d = v->data;
    return d->running && d->report ? d->report->nrows : 0;
}

static void top_title(pv_app *a, pv_view *v, int y)
{
    (void)v;
    pv_screen_fill(&a->scr, y, 0, a->scr.cols, PV_ROLE_COLHEAD);
    pv_screen_text(&a->scr, y, 0, a->scr.cols, PV_ROLE_COLHEAD,
                   "      flat  flat%   sum%        cum   cum%  name", NULL, 0, 0);
}

static void top_row(pv_app *a, pv_view *v, size_t i, int y, bool selected)
{
    top_data *d = v->data;
    const pv_row *r = &d->report->rows[i];
    char flat[64], flatp[32], sump[32], cum[64], cump[32], buf[256];
    pv_screen *s = &a->scr;
    pv_role base = selected ? PV_ROLE_SELECTION : PV_ROLE_NORMAL;
    pv_app_value(a, r->flat, flat, sizeof flat);
    pv_app_percent(a, r->flat, flatp, sizeof flatp);
    pv_app_percent(a, d->running[i], sump, sizeof sump);
    pv_app_value(a, r->cum, cum, sizeof cum);
    pv_app_percent(a, r->cum, cump, sizeof cump);
    if (selected) pv_screen_fill(s, y, 0, s->cols, PV_ROLE_SELECTION);
    /* pprof's layout: percentages wider than 6 columns push the rest right, as in -top */
    int n = snprintf(buf, sizeof buf, "%10s %s %s %10s %s  ", flat, flatp, sump, cum, cump);
    pv_screen_text(s, y, 0, s->cols, base, buf, NULL, 0, 0);
    if (!selected) {
        int fx = 11, cx = 11 + (int)strlen(flatp) + 1 + (int)strlen(sump) + 1 + (int)strlen(cum) + 1;
        if (strlen(cum) < 10) cx += 10 - (int)strlen(cum);
        pv_screen_paint(s, y, fx, (int)strlen(flatp), pv_app_heat(a, r->flat));
        pv_screen_paint(s, y, cx, (int)strlen(cump), pv_app_heat(a, r->cum));
    }
    pv_span spans[16];
    size_t ns = pv_app_matches(a, r->name, spans, 16);
    int x = n < NAME_COL ? NAME_COL : n;
    x += pv_screen_text(s, y, x, s->cols - x, base, r->name, spans, ns, PV_ROLE_MATCH);
    if (r->inline_label && r->inline_label[0] && x < s->cols) {
        x += pv_screen_text(s, y, x, s->cols - x, base, " ", NULL, 0, 0);
        pv_screen_text(s, y, x, s->cols - x, base, r->inline_label, NULL, 0, 0);
    }
}

static uint32_t top_row_node(pv_app *a, pv_view *v)
{
    (void)a;
    const top_data *d = v->data;
    return d->report && v->sel < d->report->nrows ? d->report->rows[v->sel].node : PV_NONE;
}

static const char *top_row_name(const pv_view *v, size_t i)
{
    const top_data *d = v->data;
    return d->report->rows[i].name;
}

static void top_status(pv_app *a, pv_view *v, char *out, size_t len)
{
    top_data *d = v->data;
    const pv_row *r = &d->report->rows[v->sel];
    char flat[64], flatp[32], cum[64], cump[32];
    pv_app_value(a, r->flat, flat, sizeof flat);
    pv_app_percent(a, r->flat, flatp, sizeof flatp);
    pv_app_value(a, r->cum, cum, sizeof cum);
    pv_app_percent(a, r->cum, cump, sizeof cump);
    snprintf(out, len, "%zu/%zu  flat %s (%s)  cum %s (%s)  %s%s%s", v->sel + 1, d->report->nrows, flat,
             flatp + strspn(flatp, " "), cum, cump + strspn(cump, " "), r->name,
             r->inline_label && r->inline_label[0] ? " " : "", r->inline_label ? r->inline_label : "");
}

static unsigned top_request(pv_app *a, pv_view *v, pv_request req)
{
    top_data *d = v->data;
    if (req == PV_REQ_ENTER) {
        if (!top_nrows(v)) return PV_CH_NONE;
        return pv_app_open(a, "peek", d->report->rows[v->sel].name);
    }
    return PV_CH_UNHANDLED;
}

const pv_view_ops pv_view_top = {
    .name = "top",
    .open = top_open,
    .close = top_close,
    .reload = top_refresh,
    .nrows = top_nrows,
    .draw_title = top_title,
    .draw_row = top_row,
    .row_name = top_row_name,
    .row_node = top_row_node,
    .status = top_status,
    .request = top_request,
};

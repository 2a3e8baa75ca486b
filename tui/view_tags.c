/* The tags view: every label key of the selected samples with its values, their shares and
 * bars, as pprof's -tags; Enter on a value applies tagfocus=key=value, ! applies tagignore
 * (each an undoable crumb). The rows come from the tags product (profile/tags.h). */
#include <stdlib.h>
#include <string.h>

#include "profile/measure.h"
#include "profile/tags.h"
#include "profile/util.h"
#include "tui/app.h"

typedef struct {
    size_t key, value; /* value == SIZE_MAX: the key's title row */
} tag_row;

typedef struct {
    pv_tags *tags; /* from the app's product cache: not owned */
    tag_row *rows;
    size_t nrows;
} tags_data;

static void *tags_build(pv_app *a, char *err, size_t errlen)
{
    return pv_tags_build(a->model, a->opts, err, errlen);
}

static void tags_free_product(void *p) { pv_tags_free(p); }

static int load(pv_app *a, tags_data *d)
{
    free(d->rows);
    d->rows = NULL;
    d->nrows = 0;
    d->tags = pv_app_product(a, "tags", tags_build, tags_free_product);
    if (!d->tags) return -1;
    size_t n = 0;
    for (size_t k = 0; k < d->tags->nkeys; k++) n += 1 + d->tags->keys[k].nvalues;
    d->rows = calloc(n ? n : 1, sizeof *d->rows);
    if (!d->rows) return -1;
    for (size_t k = 0; k < d->tags->nkeys; k++) {
        d->rows[d->nrows++] = (tag_row){k, SIZE_MAX};
        for (size_t v = 0; v < d->tags->keys[k].nvalues; v++) d->rows[d->nrows++] = (tag_row){k, v};
    }
    return 0;
}

static int tags_open(pv_app *a, pv_view *v, const char *arg)
{
    (void)arg;
    tags_data *d = calloc(1, sizeof *d);
    if (!d) return -1;
    if (load(a, d) != 0) {
        free(d->rows);
        free(d);
        return -1;
    }
    if (!d->nrows) pv_app_message(a, PV_ROLE_MESSAGE, "this profile has no labels (tags)");
    v->data = d;
    v->sel = d->nrows > 1 ? 1 : 0;
    return 0;
}

static void tags_close(pv_view *v)
{
    tags_data *d = v->data;
    if (d) free(d->rows);
    free(d);
    v->data = NULL;
}

static unsigned tags_reload(pv_app *a, pv_view *v)
{
    tags_data *d = v->data;
    if (load(a, d) != 0) return PV_CH_CLOSE;
    return PV_CH_DRAW;
}

static size_t tags_nrows(const pv_view *v) { return ((const tags_data *)v->data)->nrows; }

static void tags_title(pv_app *a, pv_view *v, int y)
{
    (void)v;
    pv_screen_fill(&a->scr, y, 0, a->scr.cols, PV_ROLE_COLHEAD);
    pv_screen_text(&a->scr, y, 0, a->scr.cols, PV_ROLE_COLHEAD,
                   "     value   share  label (Enter: tagfocus on it, !: tagignore)", NULL, 0, 0);
}

static void tags_row(pv_app *a, pv_view *v, size_t i, int y, bool selected)
{
    tags_data *d = v->data;
    const tag_row *r = &d->rows[i];
    const pv_tag_key *k = &d->tags->keys[r->key];
    pv_screen *s = &a->scr;
    pv_role base = selected ? PV_ROLE_SELECTION : PV_ROLE_NORMAL;
    if (selected) pv_screen_fill(s, y, 0, s->cols, PV_ROLE_SELECTION);
    char val[64], pct[32];
    if (r->value == SIZE_MAX) {
        pv_app_value(a, k->total, val, sizeof val);
        char *line = pv_asprintf("%s: total %s", pv_str(a->model, k->key), val);
        if (line) pv_screen_text(s, y, 1, s->cols - 1, selected ? base : PV_ROLE_TITLE, line, NULL, 0, 0);
        free(line);
        return;
    }
    const pv_tag_value *tv = &k->values[r->value];
    pv_app_value(a, tv->count, val, sizeof val);
    pv_percentage(pct, sizeof pct, tv->count, k->total);
    char head[128];
    snprintf(head, sizeof head, "%10s %7s  ", val, pct);
    int x = pv_screen_text(s, y, 0, s->cols, base, head, NULL, 0, 0);
    if (!selected) pv_screen_paint(s, y, 11, 7, pv_app_heat(a, tv->count));
    /* a bar of the share, 20 cells wide */
    int cells = k->total ? (int)(20.0 * (double)pv_abs64(tv->count) / (double)pv_abs64(k->total) + 0.5) : 0;
    char bar[128] = "";
    size_t o = 0;
    for (int c = 0; c < 20 && o + 4 < sizeof bar; c++) {
        const char *g = c < cells ? (s->utf8 ? "█" : "#") : " ";
        memcpy(bar + o, g, strlen(g));
        o += strlen(g);
    }
    bar[o] = 0;
    x += pv_screen_text(s, y, x, s->cols - x, selected ? base : PV_ROLE_WARM, bar, NULL, 0, 0);
    x += pv_screen_text(s, y, x, s->cols - x, base, "  ", NULL, 0, 0);
    pv_span spans[16];
    size_t ns = pv_app_matches(a, tv->name, spans, 16);
    pv_screen_text(s, y, x, s->cols - x, base, tv->name, spans, ns, PV_ROLE_MATCH);
}

static const char *tags_row_name(const pv_view *v, size_t i)
{
    const tags_data *d = v->data;
    const tag_row *r = &d->rows[i];
    return r->value == SIZE_MAX ? NULL : d->tags->keys[r->key].values[r->value].name;
}

static void tags_status(pv_app *a, pv_view *v, char *out, size_t len)
{
    tags_data *d = v->data;
    const tag_row *r = &d->rows[v->sel];
    if (r->value == SIZE_MAX) {
        out[0] = 0;
        return;
    }
    const pv_tag_key *k = &d->tags->keys[r->key];
    char val[64], pct[32];
    pv_app_value(a, k->values[r->value].count, val, sizeof val);
    pv_percentage(pct, sizeof pct, k->values[r->value].count, k->total);
    snprintf(out, len, "%s=%s  %s (%s of the key)", pv_str(a->model, k->key), k->values[r->value].name, val,
             pct + strspn(pct, " "));
}

/* tagfocus/tagignore on the selected value: key=^value$ (a regex), or the number as is for
 * a numeric label (pprof reads "key=1kB" as that value) */
static unsigned tag_filter(pv_app *a, pv_view *v, const char *what)
{
    tags_data *d = v->data;
    const tag_row *r = &d->rows[v->sel];
    if (r->value == SIZE_MAX) return PV_CH_NONE;
    const pv_tag_key *k = &d->tags->keys[r->key];
    const char *name = k->values[r->value].name;
    bool numeric = false;
    const pv_model *m = a->model;
    for (size_t i = 0; i < m->label_off[m->nsamples] && !numeric; i++)
        if (m->labels[i].key == k->key && !m->labels[i].str) numeric = true;
    char *re = numeric ? strdup(name) : pv_regex_quote(name);
    char *value = re ? pv_asprintf("%s=%s", pv_str(m, k->key), re) : NULL;
    char *label = value ? pv_asprintf("%s=%s", what, value) : NULL;
    unsigned ch = PV_CH_DRAW;
    if (label) {
        const char *names[] = {what};
        const char *values[] = {value};
        ch = pv_app_set(a, label, names, values, 1);
    }
    free(re);
    free(value);
    free(label);
    return ch;
}

static unsigned tags_request(pv_app *a, pv_view *v, pv_request req)
{
    if (req == PV_REQ_ENTER) return tag_filter(a, v, "tagfocus");
    if (req == PV_REQ_TAG_IGNORE) return tag_filter(a, v, "tagignore");
    return PV_CH_UNHANDLED;
}

static const pv_keybind tags_keys[] = {{'!', PV_REQ_TAG_IGNORE}};

const pv_view_ops pv_view_tags = {
    .name = "tags",
    .open = tags_open,
    .close = tags_close,
    .reload = tags_reload,
    .nrows = tags_nrows,
    .draw_title = tags_title,
    .draw_row = tags_row,
    .row_name = tags_row_name,
    .status = tags_status,
    .request = tags_request,
    .keys = tags_keys,
    .nkeys = 1,
};

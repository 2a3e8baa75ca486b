/* Text views: help (generated from the key table) and options (the current settings and the
 * profile's header lines).
 * They scroll rather than select: the first line on screen is the selected one. */
#include <stdlib.h>
#include <string.h>

#include "profile/util.h"
#include "tui/app.h"
#include "tui/commands.h"

typedef struct {
    pv_role role;
    char *key;  /* left column (key names), or NULL */
    char *text;
} text_line;

typedef struct {
    text_line *lines;
    size_t n;
} text_data;

static void add_line(text_data *d, pv_role role, const char *key, const char *text)
{
    text_line *l = realloc(d->lines, (d->n + 1) * sizeof *l);
    if (!l) return;
    d->lines = l;
    l = &d->lines[d->n++];
    l->role = role;
    l->key = key ? strdup(key) : NULL;
    l->text = strdup(text ? text : "");
}

static void text_close(pv_view *v)
{
    text_data *d = v->data;
    if (!d) return;
    for (size_t i = 0; i < d->n; i++) {
        free(d->lines[i].key);
        free(d->lines[i].text);
    }
    free(d->lines);
    free(d);
    v->data = NULL;
}

static size_t text_nrows(const pv_view *v) { return ((const text_data *)v->data)->n; }

static const char *text_row_name(const pv_view *v, size_t i) { return ((const text_data *)v->data)->lines[i].text; }

static void text_row(pv_app *a, pv_view *v, size_t i, int y, bool selected)
{
    (void)selected;
    text_data *d = v->data;
    text_line *l = &d->lines[i];
    pv_screen *s = &a->scr;
    pv_span spans[16];
    size_t ns = pv_app_matches(a, l->text, spans, 16);
    int x = 2;
    if (l->key) {
        pv_screen_text(s, y, x, 24, PV_ROLE_KEY, l->key, NULL, 0, 0);
        x += 26;
    }
    pv_screen_text(s, y, x, s->cols - x, l->role, l->text, spans, ns, PV_ROLE_MATCH);
}

static void text_status(pv_app *a, pv_view *v, char *out, size_t len)
{
    size_t h = a->body_lines > 0 ? (size_t)a->body_lines : 1;
    size_t n = text_nrows(v);
    size_t last = v->top + h < n ? v->top + h : n;
    snprintf(out, len, "%s: lines %zu-%zu of %zu  (Esc or q closes)", v->ops->name, v->top + 1, last, n);
}

/* Scrolling: the selection is always the first line on screen. */
static unsigned text_request(pv_app *a, pv_view *v, pv_request req)
{
    size_t n = text_nrows(v);
    size_t h = a->body_lines > 0 ? (size_t)a->body_lines : 1;
    size_t max_top = n > h ? n - h : 0;
    size_t top = v->top;
    switch (req) {
    case PV_REQ_MOVE_DOWN: top = top < max_top ? top + 1 : top; break;
    case PV_REQ_MOVE_UP: top = top ? top - 1 : 0; break;
    case PV_REQ_PAGE_DOWN: top = top + h < max_top ? top + h : max_top; break;
    case PV_REQ_PAGE_UP: top = top > h ? top - h : 0; break;
    case PV_REQ_MOVE_FIRST: top = 0; break;
    case PV_REQ_MOVE_LAST: top = max_top; break;
    case PV_REQ_QUIT: return PV_CH_CLOSE;
    case PV_REQ_ENTER: return PV_CH_NONE;
    case PV_REQ_HELP: return strcmp(v->ops->name, "help") ? PV_CH_UNHANDLED : PV_CH_NONE;
    default: return PV_CH_UNHANDLED;
    }
    v->top = v->sel = top;
    return PV_CH_DRAW;
}

static unsigned text_refresh(pv_app *a, pv_view *v)
{
    (void)a;
    (void)v;
    return PV_CH_DRAW;
}

/* --- help ------------------------------------------------------------------------- */

static int help_open(pv_app *a, pv_view *v, const char *arg)
{
    (void)a;
    (void)arg;
    text_data *d = calloc(1, sizeof *d);
    if (!d) return -1;
    add_line(d, PV_ROLE_TITLE, NULL, "pview: keys (Esc or q closes this help)");
    add_line(d, PV_ROLE_NORMAL, NULL, "flat: the value where the function itself was running (it was the leaf).");
    add_line(d, PV_ROLE_NORMAL, NULL, "cum:  the value where it was anywhere on the stack: itself and its callees.");
    const char *section = "";
    for (int r = 1; r < PV_REQ_COUNT; r++) {
        char keys[128];
        pv_request_keys((pv_request)r, keys, sizeof keys);
        if (!keys[0]) continue;
        if (strcmp(section, pv_request_section((pv_request)r))) {
            section = pv_request_section((pv_request)r);
            add_line(d, PV_ROLE_NORMAL, NULL, "");
            add_line(d, PV_ROLE_TITLE, NULL, section);
        }
        add_line(d, PV_ROLE_NORMAL, keys, pv_request_help((pv_request)r));
    }
    add_line(d, PV_ROLE_NORMAL, NULL, "");
    add_line(d, PV_ROLE_TITLE, NULL, "Flame view (F, :flame; its own keys)");
    static const char *const flame_keys[][2] = {
        {"h, l, Left, Right", "The previous, next frame at the same depth"},
        {"k, j, Up, Down", "Towards the leaves or the root, as drawn (flame: leaves up; icicle: down)"},
        {"Enter / Esc, Backspace", "Zoom into the selected frame / back out one step"},
        {"0", "Reset the zoom"},
        {"v", "Flip: flame (root at the bottom) or icicle (root on top)"},
        {"H", "Jump to the heaviest leaf under the selection"},
        {"s", "Sandwich: callers and callees of the selected function"},
        {"c", "Collapse recursion (f -> f -> f shown once)"},
        {"/ n N", "Search frames; the share of samples matched; walk the matches"},
    };
    for (size_t i = 0; i < sizeof flame_keys / sizeof flame_keys[0]; i++)
        add_line(d, PV_ROLE_NORMAL, flame_keys[i][0], flame_keys[i][1]);
    add_line(d, PV_ROLE_NORMAL, NULL, "");
    add_line(d, PV_ROLE_TITLE, NULL, "Mouse");
    add_line(d, PV_ROLE_NORMAL, "wheel", "Move the selection");
    add_line(d, PV_ROLE_NORMAL, "click, double-click", "Select a row; peek at it");
    add_line(d, PV_ROLE_NORMAL, NULL, "");
    add_line(d, PV_ROLE_TITLE, NULL, "The : prompt takes pprof's words (Tab completes, Up/Down recall)");
    /* from the command table, so help and completion cannot disagree with what runs */
    for (const pv_command_def *c = pv_commands; c->name; c++) {
        char *left = c->args && *c->args ? pv_asprintf("%s %s", c->name, c->args) : strdup(c->name);
        add_line(d, PV_ROLE_NORMAL, left ? left : c->name, c->help);
        free(left);
    }
    add_line(d, PV_ROLE_NORMAL, "NAME=VALUE", "Set a setting (o lists them): focus=RE, granularity=lines, ...");
    add_line(d, PV_ROLE_NORMAL, "SAMPLE_TYPE", "Choose the sample type by name (also mean_TYPE, total_TYPE)");
    v->data = d;
    return 0;
}

const pv_view_ops pv_view_help = {
    .name = "help",
    .open = help_open,
    .close = text_close,
    .reload = text_refresh,
    .nrows = text_nrows,
    .draw_row = text_row,
    .row_name = text_row_name,
    .status = text_status,
    .request = text_request,
};

/* --- options ---------------------------------------------------------------------- */

static void options_fill(pv_app *a, text_data *d)
{
    char val[512], line[1024];
    add_line(d, PV_ROLE_TITLE, NULL, "Settings (set them with name=value at the : prompt)");
    for (const pv_setting *s = pv_settings; s->name; s++) {
        if (pv_options_get(a->opts, s->name, val, sizeof val)) continue;
        if (!strcmp(s->name, "sample_index")) {
            /* the types the profile has, the current one in brackets */
            const pv_model *m = a->model;
            const char *cur = a->report && a->report->sel ? a->report->sel->vidx >= 0 ? pv_str(m, m->sample_types[a->report->sel->vidx].type) : "" : "";
            size_t off = (size_t)snprintf(line, sizeof line, "%-25s = %s   //: [", s->name, val[0] ? val : cur);
            for (size_t i = 0; i < m->ntypes && off < sizeof line; i++) {
                const char *t = pv_str(m, m->sample_types[i].type);
                off += (size_t)snprintf(line + off, sizeof line - off, "%s%s%s%s", i ? " | " : "",
                                        !strcmp(t, cur) ? "*" : "", t, "");
            }
            if (off < sizeof line) snprintf(line + off, sizeof line - off, "]");
        } else if (s->choices) {
            size_t off = (size_t)snprintf(line, sizeof line, "%-25s = %-20s //: [", s->name, val);
            for (size_t i = 0; s->choices[i] && off < sizeof line; i++)
                off += (size_t)snprintf(line + off, sizeof line - off, "%s%s", i ? " | " : "", s->choices[i]);
            if (off < sizeof line) snprintf(line + off, sizeof line - off, "]");
        } else {
            snprintf(line, sizeof line, "%-25s = %s", s->name, val[0] ? val : "\"\"");
        }
        add_line(d, PV_ROLE_NORMAL, NULL, line);
    }
    if (a->nwarnings) {
        add_line(d, PV_ROLE_NORMAL, NULL, "");
        add_line(d, PV_ROLE_TITLE, NULL, "Warnings while loading");
        for (size_t i = 0; i < a->nwarnings; i++) add_line(d, PV_ROLE_ERROR, NULL, a->warnings[i]);
    }
    /* the profile's own header lines: mapping file, build id, comments (untrusted text) */
    if (!a->report || !a->report->nlabels) return;
    add_line(d, PV_ROLE_NORMAL, NULL, "");
    add_line(d, PV_ROLE_TITLE, NULL, "Profile");
    for (size_t i = 0; i < a->report->nlabels; i++) add_line(d, PV_ROLE_NORMAL, NULL, a->report->labels[i]);
}

static int options_open(pv_app *a, pv_view *v, const char *arg)
{
    (void)arg;
    text_data *d = calloc(1, sizeof *d);
    if (!d) return -1;
    options_fill(a, d);
    v->data = d;
    return 0;
}

static unsigned options_refresh(pv_app *a, pv_view *v)
{
    text_data *d = v->data;
    for (size_t i = 0; i < d->n; i++) {
        free(d->lines[i].key);
        free(d->lines[i].text);
    }
    d->n = 0;
    options_fill(a, d);
    return PV_CH_DRAW;
}

const pv_view_ops pv_view_options = {
    .name = "options",
    .open = options_open,
    .close = text_close,
    .reload = options_refresh,
    .nrows = text_nrows,
    .draw_row = text_row,
    .row_name = text_row_name,
    .status = text_status,
    .request = text_request,
};

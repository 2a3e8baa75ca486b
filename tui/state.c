/* The application state: the view stack, the settings steps (undo, reset) and the report
 * built from the current settings. */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "profile/measure.h"
#include "profile/util.h"
#include "tui/app.h"
#include "tui/state.h"

/* --- helpers for views ------------------------------------------------------------- */

static const pv_view_ops *const registry[] = {&pv_view_top, &pv_view_peek, &pv_view_list, &pv_view_traces, &pv_view_tags, &pv_view_flame, &pv_view_help,
                                               &pv_view_options, NULL};

const pv_view_ops *pv_view_find(const char *name)
{
    for (size_t i = 0; registry[i]; i++)
        if (!strcmp(registry[i]->name, name)) return registry[i];
    return NULL;
}

pv_view *pv_app_view(pv_app *a) { return a->nviews ? &a->views[a->nviews - 1] : NULL; }

void pv_app_close_top(pv_app *a)
{
    pv_view *v = pv_app_view(a);
    if (!v || a->nviews == 1) return;
    if (v->ops->close) v->ops->close(v);
    memset(v, 0, sizeof *v);
    a->nviews--;
}

unsigned pv_app_open(pv_app *a, const char *name, const char *arg)
{
    const pv_view_ops *ops = pv_view_find(name);
    if (!ops || a->nviews == PV_MAX_VIEWS) {
        pv_app_message(a, PV_ROLE_ERROR, "cannot open view %s", name);
        return PV_CH_DRAW;
    }
    pv_view *v = &a->views[a->nviews];
    memset(v, 0, sizeof *v);
    v->ops = ops;
    if (ops->open && ops->open(a, v, arg)) {
        memset(v, 0, sizeof *v);
        return PV_CH_DRAW;
    }
    a->nviews++;
    return PV_CH_DRAW;
}

void pv_app_message(pv_app *a, pv_role role, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(a->message, sizeof a->message, fmt, ap);
    va_end(ap);
    a->message_role = role;
}

bool pv_app_warn(pv_app *a, const char *msg)
{
    for (size_t i = 0; i < a->nwarnings; i++)
        if (!strcmp(a->warnings[i], msg)) return false;
    char **w = realloc(a->warnings, (a->nwarnings + 1) * sizeof *w);
    if (!w) return false;
    a->warnings = w;
    if (!(w[a->nwarnings] = strdup(msg))) return false;
    a->nwarnings++;
    return true;
}

const char *pv_app_alert(const pv_app *a, size_t *more)
{
    const char *first = NULL;
    size_t n = 0;
    for (size_t i = 0; i < a->nwarnings; i++) {
        if (!strstr(a->warnings[i], "debuginfod: ")) continue;
        if (!first) first = a->warnings[i];
        n++;
    }
    if (more) *more = n ? n - 1 : 0;
    return first;
}

void pv_app_value(const pv_app *a, int64_t v, char *out, size_t len)
{
    if (a->report) pv_report_format(a->report, v, out, len);
    else snprintf(out, len, "-");
}

void pv_app_percent(const pv_app *a, int64_t v, char *out, size_t len)
{
    pv_percentage(out, len, v, a->report ? a->report->total : 0);
}

pv_role pv_app_heat(const pv_app *a, int64_t v)
{
    if (a->diff) return v > 0 ? PV_ROLE_GROWTH : v < 0 ? PV_ROLE_SHRINK : PV_ROLE_COLD;
    int64_t total = a->report ? a->report->total : 0;
    if (total < 0) { total = -total; v = -v; }
    if (total == 0 || v <= 0) return PV_ROLE_COLD;
    if (v >= total / 10) return PV_ROLE_HOT;
    if (v >= total / 100) return PV_ROLE_WARM;
    return PV_ROLE_COLD;
}

size_t pv_app_matches(pv_app *a, const char *name, pv_span *spans, size_t max)
{
    size_t n = 0, off = 0, len = strlen(name);
    if (!a->has_search) return 0;
    while (n < max && off <= len) {
        regmatch_t m;
        if (regexec(&a->search, name + off, 1, &m, off ? REG_NOTBOL : 0)) break;
        if (m.rm_eo == m.rm_so) { /* empty match: step on */
            off += (size_t)m.rm_so + 1;
            continue;
        }
        spans[n].start = off + (size_t)m.rm_so;
        spans[n].end = off + (size_t)m.rm_eo;
        n++;
        off += (size_t)m.rm_eo;
    }
    return n;
}

unsigned pv_app_set(pv_app *a, const char *label, const char *const *names,
                    const char *const *values, size_t n)
{
    pv_options next;
    char err[512];
    if (pv_options_copy(&next, a->opts)) {
        pv_app_message(a, PV_ROLE_ERROR, "out of memory");
        return PV_CH_DRAW;
    }
    for (size_t i = 0; i < n; i++) {
        if (pv_options_set(&next, names[i], values[i], err, sizeof err)) {
            pv_options_free(&next);
            pv_app_message(a, PV_ROLE_ERROR, "%s", err);
            return PV_CH_DRAW;
        }
    }
    pv_step *s = realloc(a->steps, (a->nsteps + 1) * sizeof *s);
    if (!s) {
        pv_options_free(&next);
        return PV_CH_DRAW;
    }
    a->steps = s;
    s = &a->steps[a->nsteps++];
    s->before = *a->opts; /* the step takes the old strings */
    s->label = strdup(label);
    s->report = NULL;
    s->report_by_name = false;
    s->by_name_before = a->sort_by_name;
    s->filter = false;
    static const char *const filters[] = {"focus", "ignore", "hide", "show", "show_from", "prune_from",
                                          "tagfocus", "tagignore", "tagshow", "taghide", NULL};
    for (size_t i = 0; i < n; i++) {
        for (size_t k = 0; filters[k]; k++)
            if (!strcmp(names[i], filters[k])) s->filter = true;
        /* a sort setting means that sort: the name order (a view state) ends */
        if (!strcmp(names[i], "sort") || !strcmp(names[i], "cum") || !strcmp(names[i], "flat"))
            a->sort_by_name = false;
    }
    *a->opts = next;
    a->stash_report = true;
    /* keep the reports of the last few steps only: they can be large */
    if (a->nsteps > 8 && a->steps[a->nsteps - 9].report) {
        pv_report_free(a->steps[a->nsteps - 9].report);
        a->steps[a->nsteps - 9].report = NULL;
    }
    return PV_CH_REBUILD;
}


/* Pops the last step. Returns PV_CH_NONE if there is none, PV_CH_DRAW if the step's report
 * was kept and is back in place, else PV_CH_REBUILD. */
unsigned pv_state_undo(pv_app *a)
{
    if (!a->nsteps) return PV_CH_NONE;
    pv_step *s = &a->steps[--a->nsteps];
    pv_options_free(a->opts);
    *a->opts = s->before;
    free(s->label);
    a->stash_report = false;
    a->sort_by_name = s->by_name_before;
    if (!s->report) return PV_CH_REBUILD;
    if (s->report_by_name && !a->sort_by_name) {
        pv_report_free(s->report); /* rows in the wrong order: cheaper to rebuild than to guess */
        return PV_CH_REBUILD;
    }
    pv_state_install(a, s->report, s->report_by_name);
    return PV_CH_DRAW;
}

unsigned pv_state_reset(pv_app *a)
{
    unsigned ch = PV_CH_NONE, c;
    while ((c = pv_state_undo(a)) != PV_CH_NONE) ch = c; /* the last one decides */
    return ch;
}

/* --- report ----------------------------------------------------------------------- */

static int cmp_row_name(const void *x, const void *y)
{
    const pv_row *p = x, *q = y;
    int c = strcmp(p->name, q->name);
    return c ? c : (p->node > q->node) - (p->node < q->node);
}

/* Makes r the current report (taking it) and lets every view reload from it. The report it
 * replaces is kept with the step just pushed, if any, else freed. */
void pv_state_install(pv_app *a, pv_report *r, bool by_name)
{
    if (a->sort_by_name && !by_name) {
        qsort(r->rows, r->nrows, sizeof *r->rows, cmp_row_name);
        by_name = true;
    }
    pv_report *old = a->report; /* views may look at the old rows while they reload */
    pv_app_products_clear(a);   /* products over the old selection go with it */
    bool old_by_name = a->report_by_name;
    a->report = r;
    a->report_by_name = by_name;
    for (int i = 0; i < a->nviews; i++) {
        pv_view *v = &a->views[i];
        if (v->ops->reload && (v->ops->reload(a, v) & PV_CH_CLOSE) && i > 0) {
            /* this view and the ones above it lost their subject */
            while (a->nviews > i && a->nviews > 1) pv_app_close_top(a);
            break;
        }
    }
    if (old && a->stash_report && a->nsteps) {
        a->steps[a->nsteps - 1].report = old;
        a->steps[a->nsteps - 1].report_by_name = old_by_name;
    } else {
        pv_report_free(old);
    }
    a->stash_report = false;
}

/* Rebuilds the report from the settings; on failure undoes the step that caused it (the
 * current report still matches the settings before that step). */
unsigned pv_state_rebuild(pv_app *a)
{
    char err[512] = "";
    /* the rows first: their "(inline)" marks take a second pass, done after the next draw
     * (pv_tui's loop) */
    pv_report *r = pv_report_build_ex(a->model, a->opts, PV_REPORT_MARKS_LATER, err, sizeof err);
    if (!r) {
        pv_app_message(a, PV_ROLE_ERROR, "%s", err[0] ? err : "cannot build the report");
        if (a->stash_report && a->nsteps) {
            pv_step *s = &a->steps[--a->nsteps];
            pv_options_free(a->opts);
            *a->opts = s->before;
            free(s->label);
        }
        a->stash_report = false;
        return PV_CH_DRAW;
    }
    /* a warning is news only when the report before did not have it (tagfocus ranges...) */
    for (size_t i = 0; i < r->nwarnings; i++) {
        bool seen = false;
        for (size_t k = 0; a->report && k < a->report->nwarnings && !seen; k++)
            seen = !strcmp(a->report->warnings[k], r->warnings[i]);
        if (!seen) {
            pv_app_message(a, PV_ROLE_MESSAGE, "%s", r->warnings[i]);
            break;
        }
    }
    pv_state_install(a, r, false);
    return PV_CH_DRAW;
}

/* Sorts the rows by name in place, keeping the selected function selected. */
unsigned pv_state_sort_by_name(pv_app *a)
{
    if (!a->report) return PV_CH_DRAW;
    pv_view *top = &a->views[0];
    const char *sel = top->ops->nrows(top) ? top->ops->row_name(top, top->sel) : NULL;
    char *keep = sel ? strdup(sel) : NULL;
    qsort(a->report->rows, a->report->nrows, sizeof *a->report->rows, cmp_row_name);
    a->report_by_name = true;
    for (int i = 0; i < a->nviews; i++)
        if (a->views[i].ops->reload) a->views[i].ops->reload(a, &a->views[i]);
    for (size_t i = 0; keep && i < top->ops->nrows(top); i++)
        if (!strcmp(top->ops->row_name(top, i), keep)) top->sel = i;
    free(keep);
    return PV_CH_DRAW;
}


char *pv_app_node_subject(const pv_app *a, uint32_t node)
{
    const pv_graph *g = a->report ? a->report->graph : NULL;
    if (!g || node >= g->nnodes) return NULL;
    const pv_node_info *k = &g->info[node];
    const pv_model *m = a->report->sel->m; /* with tagroot/tagleaf, the selection's own model */
    if (k->name) return strdup(pv_str(m, k->name));
    if (k->file) return strdup(g->files[k->file]);
    if (k->objfile) return strdup(pv_str(m, k->objfile));
    return NULL;
}

unsigned pv_app_save(pv_app *a, const char *path)
{
    pv_view *v = pv_app_view(a);
    char *name = path && *path ? strdup(path) : NULL;
    for (int i = 1; !name && i < 1000; i++) {
        char *p = pv_asprintf("pview.%s.%d.txt", v->ops->name, i);
        if (p && access(p, F_OK) != 0) name = p;
        else free(p);
    }
    if (!name) {
        pv_app_message(a, PV_ROLE_ERROR, "save: no file name free");
        return PV_CH_DRAW;
    }
    FILE *f = fopen(name, "w");
    if (!f) {
        pv_app_message(a, PV_ROLE_ERROR, "save: %s: %s", name, strerror(errno));
        free(name);
        return PV_CH_DRAW;
    }
    if (a->report) pv_report_marks(a->report);
    if (!strcmp(v->ops->name, "top") && a->report) {
        pv_print_top(f, a->report);
    } else {
        /* the report's header, then each row as drawn, on a wide scratch screen */
        for (size_t i = 0; a->report && i < a->report->nlabels; i++) fprintf(f, "%s\n", a->report->labels[i]);
        pv_screen saved = a->scr, wide = {0};
        wide.utf8 = a->scr.utf8;
        size_t n = v->ops->draw_body ? 0 : v->ops->nrows(v);
        if (pv_screen_resize(&wide, 1, 4096) == 0) {
            a->scr = wide;
            for (size_t i = 0; i < n; i++) {
                pv_screen_clear(&a->scr);
                v->ops->draw_row(a, v, i, 0, false);
                pv_screen_write_line(&a->scr, 0, f);
            }
            wide = a->scr;
            a->scr = saved;
            pv_screen_free(&wide);
        }
    }
    bool ok = fclose(f) == 0;
    if (ok) pv_app_message(a, PV_ROLE_MESSAGE, "saved the %s view in %s", v->ops->name, name);
    else pv_app_message(a, PV_ROLE_ERROR, "save: %s: write error", name);
    free(name);
    return PV_CH_DRAW;
}

void *pv_app_product(pv_app *a, const char *kind, void *(*build)(pv_app *a, char *err, size_t errlen),
                     void (*free_fn)(void *data))
{
    int empty = -1;
    for (int i = 0; i < PV_MAX_PRODUCTS; i++) {
        if (a->products[i].kind && !strcmp(a->products[i].kind, kind)) return a->products[i].data;
        if (!a->products[i].kind && empty < 0) empty = i;
    }
    if (!a->report) return NULL;
    char err[512] = "";
    void *d = build(a, err, sizeof err);
    if (!d) {
        pv_app_message(a, PV_ROLE_ERROR, "%s", err[0] ? err : "out of memory");
        return NULL;
    }
    if (empty < 0) { /* full: drop the oldest */
        pv_product_slot *s = &a->products[0];
        if (s->free) s->free(s->data);
        memmove(a->products, a->products + 1, (PV_MAX_PRODUCTS - 1) * sizeof *a->products);
        empty = PV_MAX_PRODUCTS - 1;
    }
    a->products[empty] = (pv_product_slot){kind, d, free_fn};
    return d;
}

void pv_app_products_clear(pv_app *a)
{
    for (int i = 0; i < PV_MAX_PRODUCTS; i++) {
        if (a->products[i].kind && a->products[i].free) a->products[i].free(a->products[i].data);
        a->products[i] = (pv_product_slot){0};
    }
}

unsigned pv_app_replace_model(pv_app *a, pv_model *m, bool diff)
{
    /* the reports kept for undo belong to the old model: undo rebuilds instead */
    for (size_t i = 0; i < a->nsteps; i++) {
        pv_report_free(a->steps[i].report);
        a->steps[i].report = NULL;
    }
    pv_model *old = a->owned_model;
    a->model = a->owned_model = m;
    a->diff = diff;
    unsigned ch = pv_state_rebuild(a); /* the report on the old model is replaced here */
    pv_model_free(old);
    return ch;
}

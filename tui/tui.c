/* The shell: the main loop, the header and status lines, and the shell's default handling
 * of requests. Views draw rows (or their whole body); this file decides when. */
#include "tui/tui.h"

#include <curses.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "profile/measure.h"
#include "profile/util.h"
#include "tui/app.h"
#include "tui/header.h"
#include "tui/script.h"
#include "tui/state.h"
#include "tui/term.h"

#define MIN_COLS 60
#define MIN_LINES 12

/* --- drawing ---------------------------------------------------------------------- */

static const char *basename_of(const char *p)
{
    const char *s = strrchr(p, '/');
    return s ? s + 1 : p;
}

static bool selectable(pv_view *v, size_t row)
{
    return !v->ops->row_name || v->ops->row_name(v, row) != NULL;
}

/* Keeps the selection on a selectable row and on screen. */
static void clamp_view(pv_app *a, pv_view *v)
{
    size_t n = v->ops->nrows(v);
    if (!n) {
        v->sel = v->top = 0;
        return;
    }
    if (v->sel >= n) v->sel = n - 1;
    if (!selectable(v, v->sel)) {
        size_t i = v->sel;
        while (i + 1 < n && !selectable(v, i)) i++;
        if (!selectable(v, i)) {
            i = v->sel;
            while (i > 0 && !selectable(v, i)) i--;
        }
        v->sel = i;
    }
    size_t h = a->body_lines > 0 ? (size_t)a->body_lines : 1;
    if (v->sel < v->top) v->top = v->sel;
    if (v->sel >= v->top + h) v->top = v->sel - h + 1;
    if (v->top + h > n) v->top = n > h ? n - h : 0;
    if (v->sel < v->top) v->top = v->sel;
}

static void draw(pv_app *a)
{
    pv_screen *s = &a->scr;
    pv_screen_clear(s);
    if (s->cols < MIN_COLS || s->lines < MIN_LINES) {
        char msg[128];
        snprintf(msg, sizeof msg, "pview needs %dx%d or more (now %dx%d)", MIN_COLS, MIN_LINES, s->cols,
                 s->lines);
        pv_screen_text(s, s->lines / 2, 0, s->cols, PV_ROLE_ERROR, msg, NULL, 0, 0);
        return;
    }
    pv_draw_header(a);
    pv_draw_crumbs(a);
    pv_view *v = pv_app_view(a);
    int y = 2;
    if (pv_draw_alert(a, y)) y++;
    if (v->ops->draw_title) v->ops->draw_title(a, v, y++);
    a->body_top = y;
    a->body_lines = s->lines - 2 - y;
    size_t n = 1;
    if (v->ops->draw_body) {
        v->ops->draw_body(a, v, y, a->body_lines);
    } else {
        clamp_view(a, v);
        n = v->ops->nrows(v);
        for (int i = 0; i < a->body_lines && v->top + (size_t)i < n; i++)
            v->ops->draw_row(a, v, v->top + (size_t)i, y + i, v->top + (size_t)i == v->sel);
    }
    if (a->popup) pv_draw_popup(a);
    char status[2048] = "";
    pv_screen_fill(s, s->lines - 2, 0, s->cols, PV_ROLE_STATUS);
    if (v->ops->status && n) v->ops->status(a, v, status, sizeof status);
    pv_screen_text(s, s->lines - 2, 0, s->cols, PV_ROLE_STATUS, status, NULL, 0, 0);
    if (a->prompt && a->message[0]) { /* e.g. completions: the prompt has the last line */
        pv_screen_fill(s, s->lines - 2, 0, s->cols, a->message_role); /* nothing of the status stays */
        pv_screen_text(s, s->lines - 2, 0, s->cols, a->message_role, a->message, NULL, 0, 0);
    }
    if (a->prompt) pv_prompt_draw(a, s->lines - 1);
    else if (a->message[0])
        pv_screen_text(s, s->lines - 1, 0, s->cols, a->message_role, a->message, NULL, 0, 0);
    else
        pv_screen_text(s, s->lines - 1, 0, s->cols, PV_ROLE_NORMAL,
                       "? help  : command  / search  Enter peek  f/i/h focus/ignore/hide  u undo  q quit",
                       NULL, 0, 0);
}

/* --- requests ----------------------------------------------------------------------- */

static unsigned move_sel(pv_app *a, pv_view *v, long delta)
{
    size_t n = v->ops->nrows(v);
    if (!n) return PV_CH_NONE;
    long target = (long)v->sel + delta;
    if (target < 0) target = 0;
    if (target >= (long)n) target = (long)n - 1;
    /* skip rows that cannot be selected, in the direction of travel */
    long step = delta < 0 ? -1 : 1;
    long i = target;
    while (i >= 0 && i < (long)n && !selectable(v, (size_t)i)) i += step;
    if (i < 0 || i >= (long)n) {
        i = target;
        while (i >= 0 && i < (long)n && !selectable(v, (size_t)i)) i -= step;
        if (i < 0 || i >= (long)n) return PV_CH_NONE;
    }
    v->sel = (size_t)i;
    /* page moves scroll the page too, so the selection keeps its place on screen */
    if (delta >= a->body_lines || -delta >= a->body_lines) {
        long top = (long)v->top + delta;
        if (top < 0) top = 0;
        v->top = (size_t)top;
    }
    clamp_view(a, v);
    return PV_CH_DRAW;
}

static unsigned cycle_sample(pv_app *a, int dir)
{
    pv_model *m = a->model;
    if (m->ntypes < 2) {
        pv_app_message(a, PV_ROLE_MESSAGE, "this profile has one sample type");
        return PV_CH_DRAW;
    }
    size_t cur = m->ntypes - 1;
    const char *shown = a->report ? a->report->sample_type : "";
    if (!strncmp(shown, "mean_", 5)) shown += 5;
    for (size_t i = 0; i < m->ntypes; i++)
        if (!strcmp(pv_str(m, m->sample_types[i].type), shown)) cur = i;
    size_t next = (cur + m->ntypes + (size_t)(dir > 0 ? 1 : m->ntypes - 1)) % m->ntypes;
    const char *name = pv_str(m, m->sample_types[next].type);
    char label[256];
    snprintf(label, sizeof label, "sample_index=%s", name);
    const char *names[] = {"sample_index"};
    const char *values[] = {name};
    return pv_app_set(a, label, names, values, 1);
}

static unsigned cycle_granularity(pv_app *a, int dir)
{
    int g = ((int)a->opts->granularity + (dir > 0 ? 1 : 4)) % 5;
    char label[64];
    snprintf(label, sizeof label, "granularity=%s", pv_granularity_names[g]);
    const char *names[] = {"granularity"};
    const char *values[] = {pv_granularity_names[g]};
    return pv_app_set(a, label, names, values, 1);
}

/* f, i, h: a filter on the selected row's function (or file), from the graph's node, quoted
 * whole: no buffer cuts a long name. */
static unsigned filter_selected(pv_app *a, pv_view *v, const char *what)
{
    char *subject = NULL;
    if (v->ops->row_subject && (v->ops->draw_body || v->ops->nrows(v))) {
        subject = v->ops->row_subject(a, v);
    } else if (v->ops->row_node && (v->ops->draw_body || v->ops->nrows(v))) {
        uint32_t node = v->ops->row_node(a, v);
        if (node != PV_NONE) subject = pv_app_node_subject(a, node);
    }
    if (!subject) {
        pv_app_message(a, PV_ROLE_MESSAGE, "no row selected to %s", what);
        return PV_CH_DRAW;
    }
    char *re = pv_regex_quote(subject);
    char *label = re ? pv_asprintf("%s=%s", what, re) : NULL;
    unsigned ch = PV_CH_DRAW;
    if (label) {
        const char *names[] = {what};
        const char *values[] = {re};
        ch = pv_app_set(a, label, names, values, 1);
    }
    free(subject);
    free(re);
    free(label);
    /* the filter applies to the top table: go back there to see it */
    if (ch & PV_CH_REBUILD)
        while (a->nviews > 1) pv_app_close_top(a);
    return ch;
}

/* The list view of the selected row's function, its name as a whole-name regex (from the
 * graph's node: at lines granularity the function, not the row's text). */
static unsigned open_list_selected(pv_app *a, pv_view *v)
{
    char *subject = NULL;
    if (v->ops->row_subject) subject = v->ops->row_subject(a, v);
    else if (v->ops->row_node && v->ops->nrows(v)) {
        uint32_t node = v->ops->row_node(a, v);
        if (node != PV_NONE) subject = pv_app_node_subject(a, node);
    }
    if (!subject) return PV_CH_NONE;
    char *re = pv_regex_quote(subject);
    unsigned ch = re ? pv_app_open(a, "list", re) : PV_CH_NONE;
    free(re);
    free(subject);
    return ch;
}

/* The selected name whole, in a popup (long C++ and Rust names). */
static unsigned show_name(pv_app *a, pv_view *v)
{
    const char *name = v->ops->row_name && v->ops->nrows(v) ? v->ops->row_name(v, v->sel) : NULL;
    if (!name) return PV_CH_NONE;
    free(a->popup);
    a->popup = strdup(name);
    a->popup_top = 0;
    return PV_CH_DRAW;
}

static unsigned shell_request(pv_app *a, pv_view *v, pv_request req)
{
    long page = a->body_lines > 1 ? a->body_lines : 1;
    switch (req) {
    case PV_REQ_MOVE_DOWN: return move_sel(a, v, 1);
    case PV_REQ_MOVE_UP: return move_sel(a, v, -1);
    case PV_REQ_PAGE_DOWN: return move_sel(a, v, page);
    case PV_REQ_PAGE_UP: return move_sel(a, v, -page);
    case PV_REQ_MOVE_FIRST: v->sel = 0; v->top = 0; clamp_view(a, v); return PV_CH_DRAW;
    case PV_REQ_MOVE_LAST: return move_sel(a, v, (long)v->ops->nrows(v));
    case PV_REQ_BACK:
        if (a->nviews > 1) {
            pv_app_close_top(a);
            return PV_CH_DRAW;
        }
        return PV_CH_NONE;
    case PV_REQ_HELP: return strcmp(v->ops->name, "help") ? pv_app_open(a, "help", NULL) : PV_CH_NONE;
    case PV_REQ_SORT: {
        /* flat -> cum -> name -> flat; the name order is local, flat and cum are settings */
        if (!a->sort_by_name && a->opts->cum) {
            a->sort_by_name = true;
            return pv_state_sort_by_name(a); /* same settings: no rebuild */
        }
        bool to_cum = !a->sort_by_name;
        const char *names[] = {"sort"};
        const char *values[] = {to_cum ? "cum" : "flat"};
        return pv_app_set(a, to_cum ? "sort=cum" : "sort=flat", names, values, 1);
    }
    case PV_REQ_NAME: return show_name(a, v);
    case PV_REQ_FIND_NAME: {
        /* the selected function's name as a search, literally */
        char *subject = NULL;
        if (v->ops->row_subject) {
            subject = v->ops->row_subject(a, v);
        } else if (v->ops->row_node) {
            uint32_t node = v->ops->row_node(a, v);
            if (node != PV_NONE) subject = pv_app_node_subject(a, node);
        }
        if (!subject && v->ops->row_name && v->ops->nrows(v)) {
            const char *n = v->ops->row_name(v, v->sel);
            subject = n ? strdup(n) : NULL;
        }
        if (!subject) return PV_CH_NONE;
        char *re = pv_regex_quote(subject);
        /* unanchored: the name within rows of other granularities and in peek */
        unsigned ch = PV_CH_DRAW;
        if (re && strlen(re) >= 2) {
            re[strlen(re) - 1] = 0;
            ch = pv_search_set(a, re + 1);
        }
        free(re);
        free(subject);
        return ch;
    }
    case PV_REQ_SAVE: return pv_app_save(a, NULL);
    case PV_REQ_FLAME: return strcmp(v->ops->name, "flame") ? pv_app_open(a, "flame", NULL) : PV_CH_NONE;
    case PV_REQ_LIVE_PAUSE: return pv_app_live_pause(a);
    case PV_REQ_LIVE_DIFF: return pv_app_live_diff(a);
    case PV_REQ_SEARCH: pv_prompt_open(a, '/'); return PV_CH_DRAW;
    case PV_REQ_PROMPT: pv_prompt_open(a, ':'); return PV_CH_DRAW;
    case PV_REQ_SEARCH_NEXT: return pv_search_step(a, 1, false);
    case PV_REQ_SEARCH_PREV: return pv_search_step(a, -1, false);
    case PV_REQ_FOCUS: return filter_selected(a, v, "focus");
    case PV_REQ_IGNORE: return filter_selected(a, v, "ignore");
    case PV_REQ_HIDE: return filter_selected(a, v, "hide");
    case PV_REQ_UNDO:
    {
        unsigned ch = pv_state_undo(a);
        if (ch == PV_CH_NONE) {
            pv_app_message(a, PV_ROLE_MESSAGE, "nothing to undo");
            return PV_CH_DRAW;
        }
        return ch;
    }
    case PV_REQ_RESET: {
        unsigned ch = pv_state_reset(a);
        if (a->sort_by_name) { /* reset: the order of the settings at start */
            a->sort_by_name = false;
            ch |= PV_CH_REBUILD;
        }
        pv_app_message(a, PV_ROLE_MESSAGE, "settings reset");
        return ch | PV_CH_DRAW;
    }
    case PV_REQ_SAMPLE_NEXT: return cycle_sample(a, 1);
    case PV_REQ_SAMPLE_PREV: return cycle_sample(a, -1);
    case PV_REQ_GRAN_NEXT: return cycle_granularity(a, 1);
    case PV_REQ_GRAN_PREV: return cycle_granularity(a, -1);
    case PV_REQ_NOINLINES: {
        const char *names[] = {"noinlines"};
        const char *values[] = {a->opts->noinlines ? "false" : "true"};
        return pv_app_set(a, a->opts->noinlines ? "noinlines=false" : "noinlines=true", names, values, 1);
    }
    case PV_REQ_LIST: return open_list_selected(a, v);
    case PV_REQ_HOT_FIRST:
    case PV_REQ_HOT_NEXT:
    case PV_REQ_ROUTINE_NEXT:
    case PV_REQ_ROUTINE_PREV:
    case PV_REQ_ASM:
    case PV_REQ_EXPAND: return PV_CH_NONE;
    case PV_REQ_REDRAW: clearok(curscr, TRUE); return PV_CH_DRAW;
    case PV_REQ_QUIT: return PV_CH_QUIT;
    case PV_REQ_BLOCK_NEXT: /* view requests: nothing in the other views */
    case PV_REQ_BLOCK_PREV:
    case PV_REQ_TAG_IGNORE:
    case PV_REQ_ENTER:
    case PV_REQ_NONE:
    case PV_REQ_COUNT: break;
    }
    return PV_CH_NONE;
}

static unsigned handle_key(pv_app *a, int key)
{
    if (a->prompt) return pv_prompt_key(a, key);
    if (a->popup) { /* j/k/Space scroll it, any other key closes it */
        pv_request r = pv_key_request(key);
        if (r == PV_REQ_MOVE_DOWN || r == PV_REQ_PAGE_DOWN) {
            a->popup_top += r == PV_REQ_PAGE_DOWN ? (a->body_lines > 2 ? a->body_lines - 2 : 1) : 1;
            return PV_CH_DRAW;
        }
        if (r == PV_REQ_MOVE_UP || r == PV_REQ_PAGE_UP) {
            a->popup_top -= r == PV_REQ_PAGE_UP ? (a->body_lines > 2 ? a->body_lines - 2 : 1) : 1;
            if (a->popup_top < 0) a->popup_top = 0;
            return PV_CH_DRAW;
        }
        free(a->popup);
        a->popup = NULL;
        return PV_CH_DRAW;
    }
    pv_view *v = pv_app_view(a);
    if (v->ops->key) {
        unsigned vch = v->ops->key(a, v, key);
        if (!(vch & PV_CH_UNHANDLED)) return vch;
    }
    pv_request req = PV_REQ_NONE;
    for (size_t i = 0; v->ops->keys && i < v->ops->nkeys && req == PV_REQ_NONE; i++)
        if (v->ops->keys[i].key == key) req = v->ops->keys[i].req;
    if (req == PV_REQ_NONE) req = pv_key_request(key);
    if (req == PV_REQ_NONE) {
        char name[32];
        pv_key_name(key & ~PV_CHAR_TAG, name, sizeof name);
        pv_app_message(a, PV_ROLE_MESSAGE, "%s: unbound key (? for help)", name);
        return PV_CH_DRAW;
    }
    unsigned ch = PV_CH_UNHANDLED;
    if (v->ops->request) ch = v->ops->request(a, v, req);
    if (ch & PV_CH_UNHANDLED) ch = (ch & ~(unsigned)PV_CH_UNHANDLED) | shell_request(a, v, req);
    if (ch & PV_CH_CLOSE) {
        pv_app_close_top(a);
        ch |= PV_CH_DRAW;
    }
    return ch;
}

static unsigned handle_mouse(pv_app *a, const pv_event *ev)
{
    pv_view *v = pv_app_view(a);
    if (a->prompt) return PV_CH_NONE;
    switch (ev->kind) {
    case PV_EV_WHEEL_UP: return move_sel(a, v, -3);
    case PV_EV_WHEEL_DOWN: return move_sel(a, v, 3);
    case PV_EV_CLICK:
    case PV_EV_DOUBLE: {
        if (v->ops->click) return v->ops->click(a, v, ev->a, ev->b, ev->kind == PV_EV_DOUBLE);
        int y = ev->a - a->body_top;
        if (y < 0 || y >= a->body_lines) return PV_CH_NONE;
        size_t row = v->top + (size_t)y;
        if (row >= v->ops->nrows(v) || !selectable(v, row)) return PV_CH_NONE;
        v->sel = row;
        if (ev->kind == PV_EV_DOUBLE) return handle_key(a, '\n') | PV_CH_DRAW;
        return PV_CH_DRAW;
    }
    default: return PV_CH_NONE;
    }
}

/* --- main loop ---------------------------------------------------------------------- */

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* Draws the screen and the prompt and sends them to the terminal; returns when (now_ms). */
static double paint(pv_app *a, pv_term *t)
{
    double when = now_ms();
    draw(a);
    t->prompt_cursor = a->prompt ? pv_prompt_draw(a, a->scr.lines - 1) : -1;
    pv_term_flush(a, t);
    return when;
}

static void init_app(pv_app *a, pv_options *o, bool utf8)
{
    memset(a, 0, sizeof *a);
    a->opts = o;
    a->scr.utf8 = utf8;
    if (utf8) a->glyphs = (pv_glyphs){"…", " › ", "▲", "▼", "▶"};
    else a->glyphs = (pv_glyphs){"~", " > ", "^", "v", ">"};
}

/* The model and what the header says of it: every file of a merge, "heap.pprof + allocs.pprof". */
static void set_model(pv_app *a, pv_model *m, size_t nsources)
{
    if (!nsources || nsources > m->nsources) nsources = m->nsources;
    a->model = m;
    free(a->file);
    a->file = strdup(m->nsources ? basename_of(m->sources[0]) : "profile");
    for (size_t i = 1; a->file && i < nsources; i++) {
        char *f = pv_asprintf("%s + %s", a->file, basename_of(m->sources[i]));
        free(a->file);
        a->file = f;
    }
    if (!a->file) a->file = strdup("profile");
}

/* The warnings said while loading: kept (listed in :options); the first on the message line,
 * with where to find the rest. */
static void show_warnings(pv_app *a, const pv_tui_config *cfg)
{
    if (!cfg || !cfg->nwarnings) return;
    for (size_t i = 0; i < cfg->nwarnings; i++) pv_app_warn(a, cfg->warnings[i]);
    if (cfg->nwarnings == 1) pv_app_message(a, PV_ROLE_ERROR, "%s", cfg->warnings[0]);
    else
        pv_app_message(a, PV_ROLE_ERROR, "%s (%zu more warnings: :options lists them)", cfg->warnings[0],
                       cfg->nwarnings - 1);
}

static void free_app(pv_app *a)
{
    pv_app_live_free(a); /* its thread stops before the model goes */
    while (a->nviews > 1) pv_app_close_top(a);
    if (a->nviews && a->views[0].ops->close) a->views[0].ops->close(&a->views[0]);
    pv_prompt_free(a);
    /* keep the caller's settings as they are now; drop the undo history */
    for (size_t i = 0; i < a->nsteps; i++) {
        pv_options_free(&a->steps[i].before);
        free(a->steps[i].label);
        pv_report_free(a->steps[i].report);
    }
    free(a->steps);
    pv_options_free(&a->initial);
    pv_report_free(a->report);
    a->report = NULL;
    if (a->has_search) regfree(&a->search);
    for (size_t i = 0; i < a->nhistory; i++) free(a->history[i]);
    free(a->history);
    pv_screen_free(&a->scr);
    pv_app_products_clear(a);
    free(a->file);
    free(a->popup);
    free(a->base_label);
    for (size_t i = 0; i < a->nwarnings; i++) free(a->warnings[i]);
    free(a->warnings);
    if (a->owned_model) pv_model_free(a->owned_model);
}

int pv_tui_config_warn(pv_tui_config *cfg, const char *msg)
{
    char **w = realloc(cfg->warnings, (cfg->nwarnings + 1) * sizeof *w);
    if (!w) return -1;
    cfg->warnings = w;
    if (!(w[cfg->nwarnings] = strdup(msg))) return -1;
    cfg->nwarnings++;
    return 0;
}

void pv_tui_config_free(pv_tui_config *cfg)
{
    for (size_t i = 0; i < cfg->nwarnings; i++) free(cfg->warnings[i]);
    free(cfg->warnings);
    cfg->warnings = NULL;
    cfg->nwarnings = 0;
}

int pv_tui_print_keytable(FILE *out)
{
    pv_keytable_man(out);
    return ferror(out) ? 1 : 0;
}

/* The UI on model m, or (m NULL) on the model ld loads while the loading screen shows. */
static int run(pv_model *m, pv_tui_load *ld, pv_options *o, const pv_tui_config *cfg)
{
    setlocale(LC_ALL, "");
    setlocale(LC_NUMERIC, "C"); /* numbers are formatted as pprof does, whatever the locale */
    bool utf8 = !strcmp(nl_langinfo(CODESET), "UTF-8");

    pv_app app;
    pv_app *a = &app;
    init_app(a, o, utf8);
    a->cfg = cfg;

    char warn[512];
    pv_theme_choose(&a->theme, cfg ? cfg->theme : NULL, warn, sizeof warn);
    if (warn[0]) pv_app_message(a, PV_ROLE_ERROR, "%s", warn);
    if (m) show_warnings(a, cfg);

    pv_script script = {0};
    FILE *dump = NULL, *timings = NULL;
    /* the live view's benchmark (bench/live.sh): when each refreshed profile was on screen */
    const char *ltp = getenv("PVIEW_LIVE_TIMINGS");
    FILE *live_times = ltp && *ltp ? fopen(ltp, "a") : NULL;
    bool test = cfg && cfg->keys_script;
    if (test) {
        char err[512];
        if (pv_script_load(&script, cfg->keys_script, err, sizeof err)) {
            fprintf(stderr, "pview: %s\n", err);
            free_app(a);
            return 2;
        }
        dump = cfg->dump_path ? fopen(cfg->dump_path, "w") : stdout;
        if (!dump) {
            fprintf(stderr, "pview: %s: cannot create\n", cfg->dump_path);
            pv_script_free(&script);
            free_app(a);
            return 2;
        }
        const char *tp = getenv("PVIEW_TUI_TIMINGS");
        if (tp && *tp) timings = fopen(tp, "w");
    }

    pv_term t;
    pv_term_clear_signals();
    pv_term_install_signals();
    int trc = pv_term_open(a, &t, cfg);
    if (trc) {
        pv_term_restore_signals();
        fprintf(stderr, "pview: %s\n", trc == -2 ? "the interactive view needs a terminal; use -top for text"
                                                 : "cannot initialise the terminal");
        pv_term_close(&t);
        if (dump && dump != stdout) fclose(dump);
        if (timings) fclose(timings);
        if (live_times) fclose(live_times);
        pv_script_free(&script);
        free_app(a);
        return 1;
    }
    pv_screen_resize(&a->scr, LINES, COLS);

    if (!m) { /* the loading screen, until the model is there */
        int lrc = pv_loading_run(a, &t, ld);
        if (lrc || ld->failed) {
            pv_term_close(&t);
            pv_term_restore_signals();
            if (dump && dump != stdout) fclose(dump);
            if (timings) fclose(timings);
            pv_script_free(&script);
            free_app(a);
            return lrc ? lrc : 1;
        }
        m = ld->model;
        show_warnings(a, cfg);
    }
    set_model(a, m, cfg ? cfg->nsources : 0);
    a->diff = cfg && cfg->diff;
    if (cfg && cfg->base_label) a->base_label = strdup(cfg->base_label);
    if (cfg && cfg->refresh_ms > 0) pv_app_live_period(a, cfg->refresh_ms);
    /* every row unless the user limits them: the table is -top with no fractions */
    char err[256];
    pv_options_set(o, "nodefraction", "0", err, sizeof err);
    pv_options_copy(&a->initial, o);

    pv_app_open(a, "top", NULL);
    unsigned ch = pv_state_rebuild(a) | PV_CH_DRAW;
    int status = 0;
    bool dumped_last = false;
    /* PVIEW_TEST_CRASH=1: crash after the first draw, to test the crash handler (tests/pty) */
    const char *crash_env = getenv("PVIEW_TEST_CRASH");
    bool crash_after_draw = crash_env && !strcmp(crash_env, "1");
    char last_key[32] = "";
    double t_key = 0; /* when the last key was read: its handling time is t0 - t_key */
    double last_draw = 0;
    bool marks_time = false; /* PVIEW_LIVE_TIMINGS: a profile shown, its marks to come */
    bool shown = false;      /* cfg->shown called */
    char legend_text[PV_ROLE_COUNT][96];
    const char *legend_ptrs[PV_ROLE_COUNT];
    for (;;) {
        double t0 = now_ms();
        if ((ch & PV_CH_REBUILD) && a->model->stack_off[a->model->nsamples] > 2000000 && !test) {
            /* a large profile takes a moment to regroup: say so before the wait */
            char keep[sizeof a->message];
            pv_role keep_role = a->message_role;
            memcpy(keep, a->message, sizeof keep);
            pv_app_message(a, PV_ROLE_MESSAGE, "working: regrouping %zu samples...", a->model->nsamples);
            draw(a);
            t.prompt_cursor = -1;
            pv_term_flush(a, &t);
            memcpy(a->message, keep, sizeof keep);
            a->message_role = keep_role;
        }
        if (ch & PV_CH_REBUILD) ch |= pv_state_rebuild(a);
        double t1 = now_ms();
        if (ch & PV_CH_QUIT) break;
        if (ch & (PV_CH_DRAW | PV_CH_REBUILD)) {
            last_draw = paint(a, &t);
            if (live_times && !shown) {
                fprintf(live_times, "first_shown\t%.3f\n", now_ms());
                fflush(live_times);
            }
            if (cfg && cfg->shown && !shown) cfg->shown(cfg->shown_ctx);
            shown = true;
            if (crash_after_draw) raise(SIGSEGV);
            if (live_times && pv_app_live_take_installed(a)) {
                fprintf(live_times, "shown\t%.3f\n", now_ms());
                fflush(live_times);
                marks_time = true;
            }
        }
        if (a->report && a->report->marks_pending) {
            /* the rows are on screen: now their "(inline)" marks, and draw again */
            if (pv_report_marks(a->report) != 0) pv_app_message(a, PV_ROLE_ERROR, "out of memory: no (inline) marks");
            last_draw = paint(a, &t);
            if (marks_time) {
                fprintf(live_times, "marked\t%.3f\n", now_ms());
                fflush(live_times);
            }
        }
        marks_time = false;
        double t2 = now_ms();
        if (timings && last_key[0]) {
            fprintf(timings, "%s\t%.3f\t%.3f\t%.3f\n", last_key, t1 - t0, t2 - t1, t0 - t_key);
            last_key[0] = 0;
        }
        ch = PV_CH_NONE;

        pv_event ev;
        if (test) {
            ev = script.pos < script.n ? script.events[script.pos++] : (pv_event){PV_EV_EOF, 0, 0, 0};
            if (ev.kind == PV_EV_KEY && timings) {
                pv_key_name(ev.key & ~PV_CHAR_TAG, last_key, sizeof last_key);
                t_key = now_ms();
            }
        } else {
            ev = pv_term_read(pv_app_live_tick_ms(a));
        }
        if (pv_term_quit_signal()) {
            status = 128 + pv_term_quit_signal();
            break;
        }
        if (ev.kind != PV_EV_DUMP && ev.kind != PV_EV_DUMP_ROLES && ev.kind != PV_EV_EOF)
            dumped_last = false;
        if (a->live && !test) ch |= pv_app_live_poll(a, false); /* a due refresh starts, a finished one shows */
        switch (ev.kind) {
        case PV_EV_EOF:
            if (test && !dumped_last) pv_screen_dump(&a->scr, dump, false, NULL);
            ch = PV_CH_QUIT;
            break;
        case PV_EV_DUMP:
        case PV_EV_DUMP_ROLES:
            pv_term_legend(a, legend_text, legend_ptrs);
            pv_screen_dump(&a->scr, dump, ev.kind == PV_EV_DUMP_ROLES, legend_ptrs);
            dumped_last = true;
            break;
        case PV_EV_SIGNAL: raise(ev.a); break;
        case PV_EV_REFRESH: ch = pv_app_live_poll(a, true); break;
        case PV_EV_TICK: /* the countdown in the header, a few times a second */
            if (now_ms() - last_draw >= 200) ch |= PV_CH_DRAW;
            break;
        case PV_EV_RESIZE:
            resizeterm(ev.b, ev.a);
            /* fall through */
        case PV_EV_KEY:
            if (ev.kind == PV_EV_RESIZE || ev.key == KEY_RESIZE) {
                pv_screen_resize(&a->scr, LINES, COLS);
                ch = PV_CH_DRAW;
                break;
            }
            a->message[0] = 0;
            ch = handle_key(a, ev.key);
            break;
        default:
            a->message[0] = 0;
            ch = handle_mouse(a, &ev);
            break;
        }
    }
    pv_term_close(&t);
    pv_term_restore_signals();
    if (dump && dump != stdout) fclose(dump);
    if (timings) fclose(timings);
    if (live_times) fclose(live_times);
    pv_script_free(&script);
    free_app(a);
    return status;
}

int pv_tui_run(pv_model *m, pv_options *o, const pv_tui_config *cfg) { return run(m, NULL, o, cfg); }

int pv_tui_run_loading(pv_tui_load *ld, pv_options *o, pv_tui_config *cfg) { return run(NULL, ld, o, cfg); }

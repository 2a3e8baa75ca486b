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
#include "tui/app.h"
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

static void draw_header(pv_app *a)
{
    char line[1024], total[64];
    pv_screen *s = &a->scr;
    pv_screen_fill(s, 0, 0, s->cols, PV_ROLE_HEADER);
    if (!a->report) {
        snprintf(line, sizeof line, "pview  %s", a->file);
        pv_screen_text(s, 0, 0, s->cols, PV_ROLE_HEADER, line, NULL, 0, 0);
        return;
    }
    const char *duration = NULL;
    for (size_t i = 0; i < a->report->nlabels; i++)
        if (!strncmp(a->report->labels[i], "Duration:", 9)) duration = a->report->labels[i];
    pv_app_value(a, a->report->total, total, sizeof total);
    snprintf(line, sizeof line, "%s  Type: %s  %s%s%s", a->file, a->report->sample_type,
             duration ? duration : "Total: ", duration ? "" : total, "");
    pv_screen_text(s, 0, 0, s->cols, PV_ROLE_HEADER, line, NULL, 0, 0);
}

static void draw_crumbs(pv_app *a)
{
    pv_screen *s = &a->scr;
    char head[256], opt[64];
    static const char *const sorts[] = {"flat", "cum", "name"};
    pv_screen_fill(s, 1, 0, s->cols, PV_ROLE_CRUMB);
    pv_options_get(a->opts, "granularity", opt, sizeof opt);
    int n = snprintf(head, sizeof head, "%s  sort=%s%s", opt, sorts[a->sort],
                     a->opts->noinlines ? "  noinlines" : "");
    if (a->opts->nodecount > 0)
        snprintf(head + n, sizeof head - (size_t)n, "  nodecount=%d", a->opts->nodecount);
    int x = pv_screen_text(s, 1, 0, s->cols, PV_ROLE_CRUMB, head, NULL, 0, 0);
    const char *sep = a->glyphs.crumb_sep;
    x += pv_screen_text(s, 1, x, s->cols - x, PV_ROLE_CRUMB, s->utf8 ? "  │ " : "  | ", NULL, 0, 0);
    if (!a->nsteps) {
        pv_screen_text(s, 1, x, s->cols - x, PV_ROLE_CRUMB, "no filters", NULL, 0, 0);
        return;
    }
    /* newest steps matter most: drop the oldest until the trail fits */
    int room = s->cols - x;
    size_t first = 0;
    for (;;) {
        int w = first ? pv_text_width(a->glyphs.ellipsis, s->utf8) + pv_text_width(sep, s->utf8) : 0;
        for (size_t i = first; i < a->nsteps; i++)
            w += pv_text_width(a->steps[i].label, s->utf8) + (i > first ? pv_text_width(sep, s->utf8) : 0);
        if (w <= room || first + 1 >= a->nsteps) break;
        first++;
    }
    if (first) {
        x += pv_screen_text(s, 1, x, s->cols - x, PV_ROLE_CRUMB, a->glyphs.ellipsis, NULL, 0, 0);
        x += pv_screen_text(s, 1, x, s->cols - x, PV_ROLE_CRUMB, sep, NULL, 0, 0);
    }
    for (size_t i = first; i < a->nsteps && x < s->cols; i++) {
        if (i > first) x += pv_screen_text(s, 1, x, s->cols - x, PV_ROLE_CRUMB, sep, NULL, 0, 0);
        x += pv_screen_text(s, 1, x, s->cols - x, PV_ROLE_CRUMB, a->steps[i].label, NULL, 0, 0);
    }
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
    draw_header(a);
    draw_crumbs(a);
    pv_view *v = pv_app_view(a);
    int y = 2;
    if (v->ops->draw_title) v->ops->draw_title(a, v, y++);
    a->body_top = y;
    a->body_lines = s->lines - 2 - y;
    clamp_view(a, v);
    size_t n = v->ops->nrows(v);
    for (int i = 0; i < a->body_lines && v->top + (size_t)i < n; i++)
        v->ops->draw_row(a, v, v->top + (size_t)i, y + i, v->top + (size_t)i == v->sel);
    char status[2048] = "";
    pv_screen_fill(s, s->lines - 2, 0, s->cols, PV_ROLE_STATUS);
    if (v->ops->status && n) v->ops->status(a, v, status, sizeof status);
    pv_screen_text(s, s->lines - 2, 0, s->cols, PV_ROLE_STATUS, status, NULL, 0, 0);
    if (a->prompt && a->message[0]) /* e.g. completions: the prompt has the last line */
        pv_screen_text(s, s->lines - 2, 0, s->cols, a->message_role, a->message, NULL, 0, 0);
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

static const char *const gran_names[] = {"functions", "filefunctions", "files", "lines", "addresses"};

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
    snprintf(label, sizeof label, "granularity=%s", gran_names[g]);
    const char *names[] = {"granularity"};
    const char *values[] = {gran_names[g]};
    return pv_app_set(a, label, names, values, 1);
}

/* The name a filter regex should match for a row: pprof matches function names and file
 * names, so rows of lines ("fn file:12") and addresses ("0x... fn ...") use the function. */
static void filter_subject(const pv_app *a, const char *row, char *out, size_t len)
{
    snprintf(out, len, "%s", row);
    pv_granularity g = a->opts->granularity;
    if (g == PV_GRAN_FUNCTIONS || g == PV_GRAN_FILES) return;
    char *sp = strchr(out, ' ');
    if (!sp) return;
    if (g == PV_GRAN_ADDRESSES && strspn(out, "0123456789abcdefx") == (size_t)(sp - out)) {
        memmove(out, sp + 1, strlen(sp + 1) + 1);
        sp = strchr(out, ' ');
        if (!sp) return;
    }
    *sp = 0;
}

static unsigned filter_selected(pv_app *a, pv_view *v, const char *what)
{
    const char *name = v->ops->row_name && v->ops->nrows(v) ? v->ops->row_name(v, v->sel) : NULL;
    if (!name) {
        pv_app_message(a, PV_ROLE_MESSAGE, "no row selected to %s", what);
        return PV_CH_DRAW;
    }
    char subject[4096], re[8200], label[8300];
    filter_subject(a, name, subject, sizeof subject);
    pv_regex_quote(subject, re, sizeof re);
    snprintf(label, sizeof label, "%s=%s", what, re);
    const char *names[] = {what};
    const char *values[] = {re};
    unsigned ch = pv_app_set(a, label, names, values, 1);
    /* the filter applies to the top table: go back there to see it */
    if (ch & PV_CH_REBUILD)
        while (a->nviews > 1) pv_app_close_top(a);
    return ch;
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
    case PV_REQ_SORT:
        a->sort = (pv_sort)((a->sort + 1) % 3);
        if (a->sort == PV_SORT_NAME) return pv_state_sort_by_name(a); /* same settings: no rebuild */
        {
            const char *names[] = {"cum"};
            const char *values[] = {a->sort == PV_SORT_CUM ? "true" : "false"};
            return pv_app_set(a, a->sort == PV_SORT_CUM ? "cum" : "flat", names, values, 1);
        }
    case PV_REQ_SEARCH: pv_prompt_open(a, '/'); return PV_CH_DRAW;
    case PV_REQ_PROMPT: pv_prompt_open(a, ':'); return PV_CH_DRAW;
    case PV_REQ_SEARCH_NEXT: return pv_search_step(a, 1, false);
    case PV_REQ_SEARCH_PREV: return pv_search_step(a, -1, false);
    case PV_REQ_FOCUS: return filter_selected(a, v, "focus");
    case PV_REQ_IGNORE: return filter_selected(a, v, "ignore");
    case PV_REQ_HIDE: return filter_selected(a, v, "hide");
    case PV_REQ_UNDO:
    {
        pv_sort before = a->sort;
        /* the sort follows the settings, except a name sort, which is not a setting */
        if (a->nsteps) a->sort = a->steps[a->nsteps - 1].before.cum ? PV_SORT_CUM
                                 : before == PV_SORT_NAME ? PV_SORT_NAME : PV_SORT_FLAT;
        unsigned ch = pv_state_undo(a);
        if (ch == PV_CH_NONE) {
            pv_app_message(a, PV_ROLE_MESSAGE, "nothing to undo");
            return PV_CH_DRAW;
        }
        return ch;
    }
    case PV_REQ_RESET: {
        a->sort = a->initial.cum ? PV_SORT_CUM : PV_SORT_FLAT;
        unsigned ch = pv_state_reset(a);
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
    case PV_REQ_REDRAW: clearok(curscr, TRUE); return PV_CH_DRAW;
    case PV_REQ_QUIT: return PV_CH_QUIT;
    case PV_REQ_ENTER:
    case PV_REQ_NONE:
    case PV_REQ_COUNT: break;
    }
    return PV_CH_NONE;
}

static unsigned handle_key(pv_app *a, int key)
{
    if (a->prompt) return pv_prompt_key(a, key);
    pv_view *v = pv_app_view(a);
    pv_request req = pv_key_request(key);
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

static void init_app(pv_app *a, pv_model *m, pv_options *o, const char *file, bool utf8)
{
    memset(a, 0, sizeof *a);
    a->model = m;
    a->opts = o;
    a->file = file;
    a->scr.utf8 = utf8;
    if (utf8) a->glyphs = (pv_glyphs){"…", " › ", "▲", "▼", "▶"};
    else a->glyphs = (pv_glyphs){"~", " > ", "^", "v", ">"};
}

static void free_app(pv_app *a)
{
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
    if (a->has_search) regfree(&a->search);
    for (size_t i = 0; i < a->nhistory; i++) free(a->history[i]);
    free(a->history);
    pv_screen_free(&a->scr);
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

int pv_tui_run(pv_model *m, pv_options *o, const pv_tui_config *cfg)
{
    setlocale(LC_ALL, "");
    setlocale(LC_NUMERIC, "C"); /* numbers are formatted as pprof does, whatever the locale */
    bool utf8 = !strcmp(nl_langinfo(CODESET), "UTF-8");

    pv_app app;
    pv_app *a = &app;
    init_app(a, m, o, m->nsources ? basename_of(m->sources[0]) : "profile", utf8);

    char warn[512];
    pv_theme_choose(&a->theme, cfg ? cfg->theme : NULL, warn, sizeof warn);
    if (warn[0]) pv_app_message(a, PV_ROLE_ERROR, "%s", warn);
    if (cfg && cfg->nwarnings) { /* the first, and where to find the rest */
        a->warnings = (const char *const *)cfg->warnings;
        a->nwarnings = cfg->nwarnings;
        if (cfg->nwarnings == 1) pv_app_message(a, PV_ROLE_ERROR, "%s", cfg->warnings[0]);
        else
            pv_app_message(a, PV_ROLE_ERROR, "%s (%zu more warnings: :options lists them)", cfg->warnings[0],
                           cfg->nwarnings - 1);
    }

    pv_script script = {0};
    FILE *dump = NULL, *timings = NULL;
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

    /* every row unless the user limits them: the table is -top with no fractions */
    char err[256];
    pv_options_set(o, "nodefraction", "0", err, sizeof err);
    pv_options_set(o, "edgefraction", "0", err, sizeof err);
    pv_options_copy(&a->initial, o);
    a->sort = o->cum ? PV_SORT_CUM : PV_SORT_FLAT;

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
        pv_script_free(&script);
        free_app(a);
        return 1;
    }
    pv_screen_resize(&a->scr, LINES, COLS);

    pv_app_open(a, "top", NULL);
    unsigned ch = pv_state_rebuild(a) | PV_CH_DRAW;
    int status = 0;
    bool dumped_last = false;
    /* PVIEW_TEST_CRASH=1: crash after the first draw, to test the crash handler (tests/pty) */
    const char *crash_env = getenv("PVIEW_TEST_CRASH");
    bool crash_after_draw = crash_env && !strcmp(crash_env, "1");
    char last_key[32] = "";
    char legend_text[PV_ROLE_COUNT][96];
    const char *legend_ptrs[PV_ROLE_COUNT];
    for (;;) {
        double t0 = now_ms();
        if (ch & PV_CH_REBUILD) ch |= pv_state_rebuild(a);
        double t1 = now_ms();
        if (ch & PV_CH_QUIT) break;
        if (ch & (PV_CH_DRAW | PV_CH_REBUILD)) {
            draw(a);
            t.prompt_cursor = a->prompt ? pv_prompt_draw(a, a->scr.lines - 1) : -1;
            pv_term_flush(a, &t);
            if (crash_after_draw) raise(SIGSEGV);
        }
        double t2 = now_ms();
        if (timings && last_key[0]) {
            fprintf(timings, "%s\t%.3f\t%.3f\n", last_key, t1 - t0, t2 - t1);
            last_key[0] = 0;
        }
        ch = PV_CH_NONE;

        pv_event ev;
        if (test) {
            ev = script.pos < script.n ? script.events[script.pos++] : (pv_event){PV_EV_EOF, 0, 0, 0};
            if (ev.kind == PV_EV_KEY && timings) pv_key_name(ev.key & ~PV_CHAR_TAG, last_key, sizeof last_key);
        } else {
            ev = pv_term_read();
        }
        if (pv_term_quit_signal()) {
            status = 128 + pv_term_quit_signal();
            break;
        }
        if (ev.kind != PV_EV_DUMP && ev.kind != PV_EV_DUMP_ROLES && ev.kind != PV_EV_EOF)
            dumped_last = false;
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
    pv_script_free(&script);
    free_app(a);
    return status;
}

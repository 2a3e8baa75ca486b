/* The shell: terminal setup and restore, the main loop, the header and status lines, and the
 * shell's default handling of requests. Views draw rows; this file decides when. */
#include "tui/tui.h"

#include <curses.h>
#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "profile/measure.h"
#include "tui/app.h"
#include "tui/script.h"
#include "tui/termseq.h"

#define MIN_COLS 60
#define MIN_LINES 12

/* Signal state: the only globals, because signal handlers cannot take arguments. The crash
 * handler restores the terminal with write() and tcsetattr() alone (both async-signal-safe):
 * the sequences are looked up when the terminal opens, the modes saved before curses starts. */
static volatile sig_atomic_t quit_signal;
static volatile sig_atomic_t curses_active;
static volatile sig_atomic_t tty_saved; /* saved_tty and restore_seq are valid for tty_fd */
static int tty_fd = -1;
static struct termios saved_tty;
static char restore_seq[256];
static size_t restore_len;

static volatile sig_atomic_t stop_signal;

static void on_quit_signal(int sig) { quit_signal = sig; }
/* Ctrl-Z: the main loop suspends, outside the handler (curses' own handler calls endwin from
 * signal context, which can deadlock on a lock the interrupted code holds) */
static void on_stop_signal(int sig) { stop_signal = sig; }

static void write_all(int fd, const char *p, size_t n)
{
    while (n) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) return;
        p += w;
        n -= (size_t)w;
    }
}

static const char *crash_name(int sig)
{
    switch (sig) {
    case SIGSEGV: return "SIGSEGV";
    case SIGBUS: return "SIGBUS";
    case SIGFPE: return "SIGFPE";
    case SIGILL: return "SIGILL";
    case SIGABRT: return "SIGABRT";
    case SIGQUIT: return "SIGQUIT";
    default: return "a fatal signal";
    }
}

/* Restores the terminal, then says one line: nothing else may follow the restore. */
static void on_crash(int sig)
{
    int saved_errno = errno;
    if (curses_active && tty_saved) {
        tcsetattr(tty_fd, TCSANOW, &saved_tty);
        write_all(tty_fd, restore_seq, restore_len);
    }
    static const char head[] = "pview: crashed with ";
    const char *name = crash_name(sig);
    char line[96];
    size_t n = 0;
    for (const char *p = head; *p; p++) line[n++] = *p;
    for (const char *p = name; *p && n < sizeof line - 2; p++) line[n++] = *p;
    line[n++] = '\n';
    write_all(STDERR_FILENO, line, n);
    errno = saved_errno;
    signal(sig, SIG_DFL);
    raise(sig);
}

static void install_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sigemptyset(&sa.sa_mask);
    sa.sa_handler = on_quit_signal; /* no SA_RESTART: a blocked read returns to the loop */
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    sa.sa_handler = on_stop_signal; /* set before newterm, so curses leaves SIGTSTP to us */
    sigaction(SIGTSTP, &sa, NULL);
    sa.sa_handler = on_crash;
    sa.sa_flags = SA_RESETHAND;
    const int crashes[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGQUIT};
    for (size_t i = 0; i < sizeof crashes / sizeof crashes[0]; i++) sigaction(crashes[i], &sa, NULL);
}

static void restore_signals(void)
{
    const int all[] = {SIGINT, SIGTERM, SIGHUP, SIGTSTP, SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGQUIT};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) signal(all[i], SIG_DFL);
}

/* --- helpers for views ------------------------------------------------------------- */

static const pv_view_ops *const registry[] = {&pv_view_top, &pv_view_peek, &pv_view_help,
                                               &pv_view_options, &pv_view_flame, NULL};

const pv_view_ops *pv_view_find(const char *name)
{
    for (size_t i = 0; registry[i]; i++)
        if (!strcmp(registry[i]->name, name)) return registry[i];
    return NULL;
}

pv_view *pv_app_view(pv_app *a) { return a->nviews ? &a->views[a->nviews - 1] : NULL; }

static void close_top_view(pv_app *a)
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
    *a->opts = next;
    a->stash_report = true;
    /* keep the reports of the last few steps only: they can be large */
    if (a->nsteps > 8 && a->steps[a->nsteps - 9].report) {
        pv_report_free(a->steps[a->nsteps - 9].report);
        a->steps[a->nsteps - 9].report = NULL;
    }
    return PV_CH_REBUILD;
}

static void install_report(pv_app *a, pv_report *r, bool by_name);

/* Pops the last step. Returns PV_CH_NONE if there is none, PV_CH_DRAW if the step's report
 * was kept and is back in place, else PV_CH_REBUILD. */
static unsigned undo_step(pv_app *a)
{
    if (!a->nsteps) return PV_CH_NONE;
    pv_step *s = &a->steps[--a->nsteps];
    pv_options_free(a->opts);
    *a->opts = s->before;
    free(s->label);
    a->stash_report = false;
    if (!s->report) return PV_CH_REBUILD;
    if (s->report_by_name && a->sort != PV_SORT_NAME) {
        pv_report_free(s->report); /* rows in the wrong order: cheaper to rebuild than to guess */
        return PV_CH_REBUILD;
    }
    install_report(a, s->report, s->report_by_name);
    return PV_CH_DRAW;
}

static unsigned reset_steps(pv_app *a)
{
    unsigned ch = PV_CH_NONE, c;
    while ((c = undo_step(a)) != PV_CH_NONE) ch = c; /* the last one decides */
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
static void install_report(pv_app *a, pv_report *r, bool by_name)
{
    if (a->sort == PV_SORT_NAME && !by_name) {
        qsort(r->rows, r->nrows, sizeof *r->rows, cmp_row_name);
        by_name = true;
    }
    pv_report *old = a->report; /* views may look at the old rows while they reload */
    bool old_by_name = a->report_by_name;
    a->report = r;
    a->report_by_name = by_name;
    for (int i = 0; i < a->nviews; i++) {
        pv_view *v = &a->views[i];
        if (v->ops->reload && (v->ops->reload(a, v) & PV_CH_CLOSE) && i > 0) {
            /* this view and the ones above it lost their subject */
            while (a->nviews > i && a->nviews > 1) close_top_view(a);
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
static unsigned rebuild(pv_app *a)
{
    char err[512] = "";
    pv_report *r = pv_report_build(a->model, a->opts, err, sizeof err);
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
    if (r->nwarnings) pv_app_message(a, PV_ROLE_MESSAGE, "%s", r->warnings[0]);
    install_report(a, r, false);
    return PV_CH_DRAW;
}

/* Sorts the rows by name in place, keeping the selected function selected. */
static unsigned sort_by_name(pv_app *a)
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
    if (v->ops->draw_body) v->ops->draw_body(a, v, y, a->body_lines);
    for (int i = 0; !v->ops->draw_body && i < a->body_lines && v->top + (size_t)i < n; i++)
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

/* --- terminal ----------------------------------------------------------------------- */

typedef struct {
    SCREEN *screen;
    FILE *in, *out; /* test mode's /dev/null streams */
    bool test;
    int prompt_cursor; /* column of the cursor while a prompt is open, else -1 */
} term;

static attr_t curses_attrs(unsigned a)
{
    attr_t r = A_NORMAL;
    if (a & PV_ATTR_BOLD) r |= A_BOLD;
    if (a & PV_ATTR_DIM) r |= A_DIM;
    if (a & PV_ATTR_UNDERLINE) r |= A_UNDERLINE;
    if (a & PV_ATTR_REVERSE) r |= A_REVERSE;
#ifdef A_ITALIC
    if (a & PV_ATTR_ITALIC) r |= A_ITALIC;
#endif
    return r;
}

/* Direct colour: the terminal description says so (24-bit colour numbers, as xterm-direct). */
static bool direct_colour(void) { return COLORS >= 0x1000000; }

/* A fitted theme colour as curses takes it: on a direct-colour terminal the number is the RGB
 * value, except that 0..7 mean the ANSI colours (so #000001..#000007 move to #000008). */
static int curses_colour(int c)
{
    if (c < 0 || !(c & PV_RGB_FLAG)) return c;
    c &= 0xffffff;
    return c < 8 && c ? 8 : c;
}

static void setup_colours(pv_app *a)
{
    const char *no_colour = getenv("NO_COLOR");
    a->colour = has_colors() && !(no_colour && *no_colour);
    if (a->colour && (a->theme.max_colour >= 0 || a->theme.rgb)) {
        start_color();
        use_default_colors();
        pv_theme_fit(&a->theme, COLORS, direct_colour());
        if (a->theme.max_colour >= COLORS) {
            pv_app_message(a, PV_ROLE_MESSAGE, "theme %s needs %d colours, the terminal has %d: using default",
                           a->theme.name, a->theme.max_colour + 1, COLORS);
            pv_theme_builtin(&a->theme, "default");
            pv_theme_fit(&a->theme, COLORS, direct_colour());
        }
        for (int r = 0; r < PV_ROLE_COUNT; r++)
            init_extended_pair(r + 1, curses_colour(a->theme.roles[r].fg), curses_colour(a->theme.roles[r].bg));
    } else {
        a->colour = false;
        if (a->theme.max_colour >= 0 || a->theme.rgb) pv_theme_builtin(&a->theme, "monochrome");
    }
}

/* With COLORTERM=truecolor (or 24bit) on an xterm whose description has 256 colours, use
 * xterm-direct if it is installed, so a theme's #rrggbb colours are drawn exactly. */
static SCREEN *open_screen(const char *tn, bool want_rgb, FILE *out, FILE *in)
{
    const char *ct = getenv("COLORTERM");
    bool truecolour = ct && (!strcmp(ct, "truecolor") || !strcmp(ct, "24bit"));
    if (want_rgb && truecolour && !strncmp(tn, "xterm", 5) && !strstr(tn, "direct")) {
        SCREEN *sc = newterm("xterm-direct", out, in);
        if (sc) return sc;
    }
    return newterm(tn, out, in);
}

static void flush(pv_app *a, term *t)
{
    pv_screen *s = &a->scr;
    for (int y = 0; y < s->lines && y < LINES; y++) {
        for (int x = 0; x < s->cols && x < COLS; x++) {
            const pv_cell *c = &s->cells[(size_t)y * (size_t)s->cols + (size_t)x];
            if (!c->ch) continue;
            const pv_style *st = &a->theme.roles[c->role];
            wchar_t wc[2] = {(wchar_t)c->ch, 0};
            cchar_t cc;
            setcchar(&cc, wc, curses_attrs(st->attrs), a->colour ? (short)(c->role + 1) : 0, NULL);
            mvwadd_wch(stdscr, y, x, &cc);
        }
    }
    if (t->prompt_cursor >= 0) {
        curs_set(1);
        wmove(stdscr, s->lines - 1, t->prompt_cursor);
    } else {
        curs_set(0);
    }
    wnoutrefresh(stdscr);
    doupdate();
}

static int term_open(pv_app *a, term *t, const pv_tui_config *cfg)
{
    memset(t, 0, sizeof *t);
    t->prompt_cursor = -1;
    t->test = cfg && cfg->keys_script;
    if (t->test) {
        /* No terminal: curses writes to /dev/null, and the screen is read from the grid. */
        t->out = fopen("/dev/null", "w");
        t->in = fopen("/dev/null", "r");
        const char *tn = getenv("TERM");
        if (t->out && t->in) t->screen = open_screen(tn && *tn ? tn : "dumb", a->theme.rgb > 0, t->out, t->in);
        if (!t->screen && t->out && t->in) t->screen = newterm("dumb", t->out, t->in);
        if (!t->screen) return -1;
        int lines = cfg->test_lines > 0 ? cfg->test_lines : 24;
        int cols = cfg->test_cols > 0 ? cfg->test_cols : 80;
        resizeterm(lines, cols);
    } else {
        if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) return -2;
        bool have_modes = tcgetattr(STDOUT_FILENO, &saved_tty) == 0;
        const char *tn = getenv("TERM");
        t->screen = open_screen(tn && *tn ? tn : "vt100", a->theme.rgb > 0, stdout, stdin);
        if (!t->screen) return -1;
        restore_len = pv_termseq_restore(restore_seq, sizeof restore_seq, true);
        tty_fd = STDOUT_FILENO;
        tty_saved = have_modes;
    }
    curses_active = 1;
    cbreak(); /* not raw: Ctrl-C, Ctrl-Z and Ctrl-\ stay signals */
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    intrflush(stdscr, FALSE);
    set_escdelay(25);
    wtimeout(stdscr, 250);
    curs_set(0);
    mousemask(BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
    mouseinterval(200);
    setup_colours(a);
    return 0;
}

static void term_close(term *t)
{
    if (t->screen) {
        endwin();
        curses_active = 0;
        tty_saved = 0;
        delscreen(t->screen);
        t->screen = NULL;
    }
    if (t->out) fclose(t->out);
    if (t->in) fclose(t->in);
}

static void legend(const pv_app *a, char out[PV_ROLE_COUNT][96], const char *ptrs[PV_ROLE_COUNT])
{
    for (int r = 0; r < PV_ROLE_COUNT; r++) {
        pv_style st = a->theme.roles[r];
        if (!a->colour) st.fg = st.bg = -1;
        pv_style_describe(&st, out[r], sizeof out[r]);
        ptrs[r] = out[r];
    }
}

/* --- input ------------------------------------------------------------------------ */

/* Gives the terminal back and stops; once continued, curses takes it again on the next
 * refresh, which repaints everything. */
static void suspend(void)
{
    endwin();
    signal(SIGTSTP, SIG_DFL);
    raise(SIGTSTP); /* stops here until SIGCONT */
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sigemptyset(&sa.sa_mask);
    sa.sa_handler = on_stop_signal;
    sigaction(SIGTSTP, &sa, NULL);
    clearok(curscr, TRUE);
}

/* Reads the next event from the terminal; PV_EV_EOF when a quit signal arrived, KEY_RESIZE
 * after a suspend (the size may have changed meanwhile). */
static pv_event read_terminal(void)
{
    pv_event ev = {PV_EV_KEY, 0, 0, 0};
    for (;;) {
        if (quit_signal) {
            ev.kind = PV_EV_EOF;
            return ev;
        }
        if (stop_signal) {
            stop_signal = 0;
            suspend();
            ev.key = KEY_RESIZE;
            return ev;
        }
        wint_t wc;
        int rc = wget_wch(stdscr, &wc);
        if (rc == ERR) continue;
        if (rc == KEY_CODE_YES && wc == KEY_MOUSE) {
            MEVENT me;
            if (getmouse(&me) != OK) continue;
            ev.a = me.y;
            ev.b = me.x;
            if (me.bstate & BUTTON4_PRESSED) ev.kind = PV_EV_WHEEL_UP;
            else if (me.bstate & BUTTON5_PRESSED) ev.kind = PV_EV_WHEEL_DOWN;
            else if (me.bstate & BUTTON1_DOUBLE_CLICKED) ev.kind = PV_EV_DOUBLE;
            else if (me.bstate & BUTTON1_CLICKED) ev.kind = PV_EV_CLICK;
            else continue;
            return ev;
        }
        if (rc == KEY_CODE_YES) ev.key = (int)wc;
        else if (wc == '\r') ev.key = '\n';
        else if (wc == 127 || wc == 8) ev.key = KEY_BACKSPACE;
        else ev.key = pv_char_key((unsigned)wc);
        return ev;
    }
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
        while (a->nviews > 1) close_top_view(a);
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
            close_top_view(a);
            return PV_CH_DRAW;
        }
        return PV_CH_NONE;
    case PV_REQ_HELP: return strcmp(v->ops->name, "help") ? pv_app_open(a, "help", NULL) : PV_CH_NONE;
    case PV_REQ_FLAME: return strcmp(v->ops->name, "flame") ? pv_app_open(a, "flame", NULL) : PV_CH_NONE;
    case PV_REQ_SORT:
        a->sort = (pv_sort)((a->sort + 1) % 3);
        if (a->sort == PV_SORT_NAME) return sort_by_name(a); /* same settings: no rebuild */
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
        unsigned ch = undo_step(a);
        if (ch == PV_CH_NONE) {
            pv_app_message(a, PV_ROLE_MESSAGE, "nothing to undo");
            return PV_CH_DRAW;
        }
        return ch;
    }
    case PV_REQ_RESET: {
        a->sort = a->initial.cum ? PV_SORT_CUM : PV_SORT_FLAT;
        unsigned ch = reset_steps(a);
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
    if (v->ops->key) {
        unsigned vch = v->ops->key(a, v, key);
        if (!(vch & PV_CH_UNHANDLED)) return vch;
    }
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
        close_top_view(a);
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
    while (a->nviews > 1) close_top_view(a);
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

    term t;
    quit_signal = stop_signal = 0;
    install_signals();
    int trc = term_open(a, &t, cfg);
    if (trc) {
        restore_signals();
        fprintf(stderr, "pview: %s\n", trc == -2 ? "the interactive view needs a terminal; use -top for text"
                                                 : "cannot initialise the terminal");
        term_close(&t);
        if (dump && dump != stdout) fclose(dump);
        if (timings) fclose(timings);
        pv_script_free(&script);
        free_app(a);
        return 1;
    }
    pv_screen_resize(&a->scr, LINES, COLS);

    pv_app_open(a, "top", NULL);
    unsigned ch = rebuild(a) | PV_CH_DRAW;
    int status = 0;
    bool dumped_last = false;
    /* PVIEW_TEST_CRASH=1: crash after the first draw, to test the crash handler (tests/pty) */
    const char *crash_env = getenv("PVIEW_TEST_CRASH");
    bool crash_after_draw = crash_env && !strcmp(crash_env, "1");
    char last_key[32] = "";
    double t_key = 0; /* when the last key was read: its handling time is t0 - t_key */
    char legend_text[PV_ROLE_COUNT][96];
    const char *legend_ptrs[PV_ROLE_COUNT];
    for (;;) {
        double t0 = now_ms();
        if (ch & PV_CH_REBUILD) ch |= rebuild(a);
        double t1 = now_ms();
        if (ch & PV_CH_QUIT) break;
        if (ch & (PV_CH_DRAW | PV_CH_REBUILD)) {
            draw(a);
            t.prompt_cursor = a->prompt ? pv_prompt_draw(a, a->scr.lines - 1) : -1;
            flush(a, &t);
            if (crash_after_draw) raise(SIGSEGV);
        }
        double t2 = now_ms();
        if (timings && last_key[0]) {
            fprintf(timings, "%s\t%.3f\t%.3f\t%.3f\n", last_key, t1 - t0, t2 - t1, t0 - t_key);
            last_key[0] = 0;
        }
        ch = PV_CH_NONE;

        pv_event ev;
        if (test) {
            ev = script.pos < script.n ? script.events[script.pos++] : (pv_event){PV_EV_EOF, 0, 0, 0};
            if (ev.kind == PV_EV_KEY && timings) pv_key_name(ev.key & ~PV_CHAR_TAG, last_key, sizeof last_key);
            t_key = now_ms();
        } else {
            ev = read_terminal();
        }
        if (quit_signal) {
            status = 128 + quit_signal;
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
            legend(a, legend_text, legend_ptrs);
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
    term_close(&t);
    restore_signals();
    if (dump && dump != stdout) fclose(dump);
    if (timings) fclose(timings);
    pv_script_free(&script);
    free_app(a);
    return status;
}

/* The terminal: curses, signals, colours, input. */
#include "tui/term.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "tui/termseq.h"

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

void pv_term_install_signals(void)
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

void pv_term_restore_signals(void)
{
    const int all[] = {SIGINT, SIGTERM, SIGHUP, SIGTSTP, SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGQUIT};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) signal(all[i], SIG_DFL);
}

/* --- terminal ----------------------------------------------------------------------- */


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

void pv_term_flush(pv_app *a, pv_term *t)
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

int pv_term_open(pv_app *a, pv_term *t, const pv_tui_config *cfg)
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

void pv_term_close(pv_term *t)
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

void pv_term_legend(const pv_app *a, char out[PV_ROLE_COUNT][96], const char *ptrs[PV_ROLE_COUNT])
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
pv_event pv_term_read(int tick_ms)
{
    pv_event ev = {PV_EV_KEY, 0, 0, 0};
    wtimeout(stdscr, tick_ms > 0 ? tick_ms : 250);
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
        if (rc == ERR) {
            if (tick_ms <= 0) continue;
            ev.kind = PV_EV_TICK;
            return ev;
        }
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


int pv_term_quit_signal(void) { return quit_signal; }
void pv_term_clear_signals(void) { quit_signal = stop_signal = 0; }

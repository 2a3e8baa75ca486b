/* The loading screen and the state it shares with the loader's thread: see tui/loading.h. */
#include "tui/loading.h"

#include <curses.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "profile/util.h"
#include "tui/app.h"
#include "tui/term.h"

#define KEEP_LINES 64 /* progress lines and warnings kept for the screen (the newest) */

struct pv_loading {
    pthread_mutex_t mu;
    char *what, *step;
    char *lines[KEEP_LINES];
    size_t nlines; /* all ever given; the newest KEEP_LINES are kept, in a ring */
    char *warns[KEEP_LINES];
    size_t nwarns;
    int countdown;     /* seconds left, or -1 */
    char *dl_what;     /* the last download, or NULL */
    long dl_done, dl_total;
    char *last_logged; /* test mode: the last line written to log */
    FILE *log;         /* test mode ($PVIEW_TEST_LOADING_LOG), or NULL */
    volatile sig_atomic_t cancel;
};

/* --- the state ----------------------------------------------------------------------- */

pv_loading *pv_loading_new(const char *what)
{
    pv_loading *l = calloc(1, sizeof *l);
    if (!l) return NULL;
    pthread_mutex_init(&l->mu, NULL);
    l->countdown = -1;
    l->what = strdup(what ? what : "profile");
    const char *log = getenv("PVIEW_TEST_LOADING_LOG");
    if (log && *log) l->log = fopen(log, "w");
    if (!l->what) {
        pv_loading_free(l);
        return NULL;
    }
    return l;
}

void pv_loading_free(pv_loading *l)
{
    if (!l) return;
    for (size_t i = 0; i < KEEP_LINES; i++) {
        free(l->lines[i]);
        free(l->warns[i]);
    }
    free(l->what);
    free(l->step);
    free(l->dl_what);
    free(l->last_logged);
    if (l->log) fclose(l->log);
    pthread_mutex_destroy(&l->mu);
    free(l);
}

/* Test mode: line as the screen shows it, once (a repeat of the last line is not news). */
static void log_line(pv_loading *l, const char *line)
{
    if (!l->log || (l->last_logged && !strcmp(l->last_logged, line))) return;
    fprintf(l->log, "%s\n", line);
    fflush(l->log);
    free(l->last_logged);
    l->last_logged = strdup(line);
}

static void keep(char **ring, size_t *n, const char *line)
{
    char *c = strdup(line);
    if (!c) return;
    free(ring[*n % KEEP_LINES]);
    ring[*n % KEEP_LINES] = c;
    (*n)++;
}

static char *countdown_text(int left) { return pv_asprintf("collecting the profile: %d s left", left); }

static void human_bytes(long n, char *out, size_t len)
{
    if (n < 1024) snprintf(out, len, "%ld B", n);
    else if (n < 1024L * 1024) snprintf(out, len, "%.1f KiB", (double)n / 1024);
    else snprintf(out, len, "%.1f MiB", (double)n / (1024.0 * 1024));
}

/* The bytes first: on a narrow screen the name is what gets cut. */
static char *download_text(const char *what, long done, long total)
{
    char d[32], t[32];
    human_bytes(done, d, sizeof d);
    if (total <= 0) return pv_asprintf("downloading %s: %s", d, what);
    human_bytes(total, t, sizeof t);
    return pv_asprintf("downloading %s of %s (%ld%%): %s", d, t, done >= total ? 100 : done * 100 / total, what);
}

void pv_loading_step(pv_loading *l, const char *step)
{
    pthread_mutex_lock(&l->mu);
    free(l->step);
    l->step = strdup(step);
    pthread_mutex_unlock(&l->mu);
}

void pv_loading_message(pv_loading *l, const char *line)
{
    pthread_mutex_lock(&l->mu);
    keep(l->lines, &l->nlines, line);
    log_line(l, line);
    pthread_mutex_unlock(&l->mu);
}

void pv_loading_warn(pv_loading *l, const char *line)
{
    pthread_mutex_lock(&l->mu);
    keep(l->warns, &l->nwarns, line);
    char *w = pv_asprintf("warning: %s", line);
    if (w) log_line(l, w);
    free(w);
    pthread_mutex_unlock(&l->mu);
}

void pv_loading_countdown(pv_loading *l, int seconds_left)
{
    pthread_mutex_lock(&l->mu);
    l->countdown = seconds_left;
    char *t = seconds_left >= 0 ? countdown_text(seconds_left) : NULL;
    if (t) log_line(l, t);
    free(t);
    pthread_mutex_unlock(&l->mu);
}

bool pv_loading_download(pv_loading *l, const char *what, long done, long total)
{
    pthread_mutex_lock(&l->mu);
    if (!l->dl_what || strcmp(l->dl_what, what)) {
        free(l->dl_what);
        l->dl_what = strdup(what);
    }
    l->dl_done = done;
    l->dl_total = total;
    char *t = download_text(what, done, total);
    if (t) log_line(l, t);
    free(t);
    pthread_mutex_unlock(&l->mu);
    return l->cancel != 0;
}

const volatile sig_atomic_t *pv_loading_cancel_flag(pv_loading *l) { return &l->cancel; }
bool pv_loading_canceled(pv_loading *l) { return l->cancel != 0; }

/* --- the screen ---------------------------------------------------------------------- */

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* The newest n of a ring of all lines given so far. */
static size_t ring_first(size_t total, size_t n)
{
    size_t kept = total < KEEP_LINES ? total : KEEP_LINES;
    if (n > kept) n = kept;
    return total - n;
}

static void draw(pv_app *a, pv_loading *l, double elapsed_ms, bool stopping)
{
    unsigned tick = (unsigned)(elapsed_ms / 100); /* the spinner turns ten times a second */
    pv_screen *s = &a->scr;
    pv_screen_clear(s);
    pthread_mutex_lock(&l->mu);
    pv_screen_fill(s, 0, 0, s->cols, PV_ROLE_HEADER);
    char *head = pv_asprintf("pview  loading %s", l->what);
    if (head) pv_screen_text(s, 0, 0, s->cols, PV_ROLE_HEADER, head, NULL, 0, 0);
    free(head);
    static const char *const ascii_spin[] = {"|", "/", "-", "\\"};
    static const char *const utf8_spin[] = {"⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"};
    const char *spin = s->utf8 ? utf8_spin[tick % 10] : ascii_spin[tick % 4];
    pv_screen_fill(s, 1, 0, s->cols, PV_ROLE_CRUMB);
    char *status = pv_asprintf("%s %.1fs%s%s", spin, elapsed_ms / 1000, l->step ? " · " : "", l->step ? l->step : "");
    if (status) pv_screen_text(s, 1, 0, s->cols, PV_ROLE_CRUMB, status, NULL, 0, 0);
    free(status);

    /* from the top: the countdown, the download, the warnings, then as many of the newest
     * progress lines as fit above them */
    int y = 3, last = s->lines - 2;
    char *fixed[2] = {l->countdown >= 0 ? countdown_text(l->countdown) : NULL,
                      l->dl_what ? download_text(l->dl_what, l->dl_done, l->dl_total) : NULL};
    size_t nwarn_shown = l->nwarns < 3 ? l->nwarns : 3;
    int room = last - y - (fixed[0] != NULL) - (fixed[1] != NULL) - (int)nwarn_shown;
    size_t nmsg = room > 0 ? (size_t)room : 0;
    for (size_t i = ring_first(l->nlines, nmsg); i < l->nlines && y < last; i++)
        pv_screen_text(s, y++, 2, s->cols - 2, PV_ROLE_NORMAL, l->lines[i % KEEP_LINES], NULL, 0, 0);
    for (int i = 0; i < 2; i++) {
        if (fixed[i] && y < last) pv_screen_text(s, y++, 2, s->cols - 2, PV_ROLE_TITLE, fixed[i], NULL, 0, 0);
        free(fixed[i]);
    }
    for (size_t i = ring_first(l->nwarns, nwarn_shown); i < l->nwarns && y < last; i++) {
        char *w = pv_asprintf("warning: %s", l->warns[i % KEEP_LINES]);
        if (w) pv_screen_text(s, y++, 2, s->cols - 2, PV_ROLE_ERROR, w, NULL, 0, 0);
        free(w);
    }
    pthread_mutex_unlock(&l->mu);
    pv_screen_text(s, s->lines - 1, 0, s->cols, stopping ? PV_ROLE_MESSAGE : PV_ROLE_NORMAL,
                   stopping ? "stopping..." : "q, Esc or Ctrl-C stops loading", NULL, 0, 0);
}

typedef struct {
    pv_tui_load *ld;
    pv_loading *l;
    atomic_bool done;
} worker_arg;

static void *worker(void *arg)
{
    worker_arg *w = arg;
    w->ld->err[0] = '\0';
    w->ld->model = w->ld->load(w->ld->ctx, w->l, w->ld->err, sizeof w->ld->err);
    atomic_store(&w->done, true);
    return NULL;
}

int pv_loading_run(pv_app *a, pv_term *t, pv_tui_load *ld)
{
    ld->model = NULL;
    ld->failed = ld->canceled = ld->abandoned = false;
    ld->err[0] = '\0';
    worker_arg *w = calloc(1, sizeof *w);
    pv_loading *l = pv_loading_new(ld->what);
    if (!w || !l) {
        free(w);
        pv_loading_free(l);
        ld->failed = true;
        snprintf(ld->err, sizeof ld->err, "out of memory");
        return 0;
    }
    w->ld = ld;
    w->l = l;
    atomic_init(&w->done, false);
    /* quit signals and resizes are the screen's: the loader's thread never takes them */
    sigset_t block, old;
    sigemptyset(&block);
    const int sigs[] = {SIGINT, SIGTERM, SIGHUP, SIGTSTP, SIGWINCH};
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) sigaddset(&block, sigs[i]);
    pthread_sigmask(SIG_BLOCK, &block, &old);
    pthread_t th;
    int prc = pthread_create(&th, NULL, worker, w);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (prc != 0) { /* no thread: load here, without a screen */
        worker(w);
    } else {
        double start = now_ms(), stop_at = 0, last_draw = -1e9;
        int status = 0;
        bool stopping = false;
        /* a short wait for keys: the end of the load is seen within 2 ms (the worker cannot
         * wake curses' read; a fetched profile is waited for); the screen, whose spinner and
         * clock move ten times a second, is drawn every 100 ms */
        wtimeout(stdscr, 2);
        for (;;) {
            if (atomic_load(&w->done)) {
                pthread_join(th, NULL);
                break;
            }
            int sig = pv_term_quit_signal();
            if (sig && !stopping) status = 128 + sig;
            if (status && !stopping) {
                stopping = true;
                l->cancel = 1;
                stop_at = now_ms();
            }
            if (stopping && now_ms() - stop_at > 1000) { /* a step that cannot be stopped */
                pthread_detach(th);
                ld->canceled = ld->abandoned = true;
                wtimeout(stdscr, 250);
                return status; /* w and l stay: the thread still uses them */
            }
            double now = now_ms();
            if (t->test || stopping || now - last_draw >= 100) {
                draw(a, l, now - start, stopping);
                t->prompt_cursor = -1;
                pv_term_flush(a, t);
                last_draw = now;
            }
            if (t->test || stopping) {
                nanosleep(&(struct timespec){0, 20 * 1000 * 1000}, NULL);
                continue;
            }
            pv_event ev = pv_term_read(2);
            if (ev.kind != PV_EV_KEY) continue;
            if (ev.key == KEY_RESIZE) {
                pv_screen_resize(&a->scr, LINES, COLS);
                last_draw = -1e9; /* drawn again at once, in the new size */
            } else if (ev.key == 'q' || ev.key == 'Q' || ev.key == 27) {
                status = 1;
            }
        }
        wtimeout(stdscr, 250);
        if (stopping) {
            ld->canceled = true;
            pv_model_free(ld->model);
            ld->model = NULL;
            pv_loading_free(l);
            free(w);
            return status;
        }
    }
    ld->failed = ld->model == NULL;
    pv_loading_free(l);
    free(w);
    return 0;
}

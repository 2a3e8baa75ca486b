/* The live view: the profile fetched again every few seconds on a thread of its own (the
 * fetch itself is the command line's: pv_tui_config.live_refresh); each new profile replaces
 * the model while the settings, filters, views, selection and search stay. */
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "profile/util.h"
#include "tui/app.h"

struct pv_live_state {
    int period_ms;
    bool paused, diff;
    double last_ms, next_ms; /* monotonic; last_ms 0: no refresh yet */
    time_t last_wall;
    pthread_t th;
    bool running;
    atomic_bool done;
    volatile sig_atomic_t cancel;
    pv_model *result;
    char err[512];
    unsigned count;
    bool installed; /* since pv_app_live_take_installed() */
};

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

typedef struct {
    pv_app *a;
    struct pv_live_state *l;
} job;

/* The worker: the fetch and the new model, off the main loop. The app is only read for its
 * config, which does not change. */
static void *worker(void *arg)
{
    job *j = arg;
    struct pv_live_state *l = j->l;
    const pv_tui_config *c = j->a->cfg;
    l->result = c->live_refresh(c->live_ctx, l->diff, &l->cancel, l->err, sizeof l->err);
    atomic_store(&l->done, true);
    free(j);
    return NULL;
}

int pv_app_live_period(pv_app *a, int ms)
{
    if (!a->cfg || !a->cfg->live_refresh) {
        pv_app_message(a, PV_ROLE_ERROR, "refresh: this profile's sources cannot be fetched again");
        return -1;
    }
    if (!a->live) {
        a->live = calloc(1, sizeof *a->live);
        if (!a->live) return -1;
        atomic_init(&a->live->done, false);
    }
    a->live->period_ms = ms;
    a->live->next_ms = ms > 0 ? (a->live->last_ms ? a->live->last_ms : now_ms()) + ms : 0;
    return 0;
}

static unsigned install(pv_app *a)
{
    struct pv_live_state *l = a->live;
    l->running = false;
    if (!l->result) {
        pv_app_message(a, PV_ROLE_ERROR, "refresh failed: %s (the last profile stays)", l->err[0] ? l->err : "?");
        l->last_ms = now_ms();
        l->next_ms = l->period_ms > 0 ? l->last_ms + l->period_ms : 0;
        return PV_CH_DRAW;
    }
    pv_model *m = l->result;
    l->result = NULL;
    l->count++;
    l->last_ms = now_ms();
    l->last_wall = time(NULL);
    l->next_ms = l->period_ms > 0 ? l->last_ms + l->period_ms : 0;
    l->installed = true;
    return pv_app_replace_model(a, m, l->diff) | PV_CH_DRAW;
}

int pv_app_live_tick_ms(const pv_app *a)
{
    if (!a->live) return 0;
    /* a fetch under way: its profile is shown within a millisecond of its model (a tick
     * draws only a few times a second) */
    return a->live->running ? 1 : 250;
}

bool pv_app_live_take_installed(pv_app *a)
{
    if (!a->live || !a->live->installed) return false;
    a->live->installed = false;
    return true;
}

unsigned pv_app_live_poll(pv_app *a, bool sync)
{
    struct pv_live_state *l = a->live;
    if (sync) {
        if (!l && pv_app_live_period(a, 0) != 0) return PV_CH_DRAW;
        l = a->live;
        if (l->running) {
            pthread_join(l->th, NULL);
            return install(a);
        }
        l->err[0] = 0;
        l->result = a->cfg->live_refresh(a->cfg->live_ctx, l->diff, &l->cancel, l->err, sizeof l->err);
        return install(a);
    }
    if (!l) return PV_CH_NONE;
    if (l->running) {
        if (!atomic_load(&l->done)) return PV_CH_NONE;
        pthread_join(l->th, NULL);
        return install(a);
    }
    if (l->paused || l->period_ms <= 0 || now_ms() < l->next_ms) return PV_CH_NONE;
    job *j = malloc(sizeof *j);
    if (!j) return PV_CH_NONE;
    *j = (job){a, l};
    atomic_store(&l->done, false);
    l->cancel = 0;
    l->err[0] = 0;
    l->result = NULL;
    if (pthread_create(&l->th, NULL, worker, j) != 0) {
        free(j);
        pv_app_message(a, PV_ROLE_ERROR, "refresh: cannot start a thread");
        l->next_ms = now_ms() + l->period_ms;
        return PV_CH_DRAW;
    }
    l->running = true;
    return PV_CH_DRAW; /* the header says a fetch is under way */
}

unsigned pv_app_live_pause(pv_app *a)
{
    struct pv_live_state *l = a->live;
    if (!l || l->period_ms <= 0) {
        pv_app_message(a, PV_ROLE_MESSAGE, "not refreshing: -refresh=30s or :refresh=30s starts it");
        return PV_CH_DRAW;
    }
    l->paused = !l->paused;
    if (!l->paused && now_ms() >= l->next_ms) l->next_ms = now_ms();
    pv_app_message(a, PV_ROLE_MESSAGE, l->paused ? "refresh paused (p resumes)" : "refresh resumed");
    return PV_CH_DRAW;
}

unsigned pv_app_live_diff(pv_app *a)
{
    struct pv_live_state *l = a->live;
    if (!l || !a->cfg->live_rebuild) {
        pv_app_message(a, PV_ROLE_MESSAGE, "the change since the previous profile needs -refresh");
        return PV_CH_DRAW;
    }
    if (l->count < 2 && !l->diff) {
        pv_app_message(a, PV_ROLE_MESSAGE, "no previous profile yet: after the next refresh");
        return PV_CH_DRAW;
    }
    char err[512] = "";
    pv_model *m = a->cfg->live_rebuild(a->cfg->live_ctx, !l->diff, err, sizeof err);
    if (!m) {
        pv_app_message(a, PV_ROLE_ERROR, "%s", err[0] ? err : "cannot build the profile");
        return PV_CH_DRAW;
    }
    l->diff = !l->diff;
    unsigned ch = pv_app_replace_model(a, m, l->diff);
    pv_app_message(a, PV_ROLE_MESSAGE, l->diff ? "the change since the previous profile (c: back to the profile)"
                                               : "the profile (c: the change since the previous one)");
    return ch | PV_CH_DRAW;
}

char *pv_app_live_status(pv_app *a)
{
    struct pv_live_state *l = a->live;
    if (!l || (l->period_ms <= 0 && !l->count)) return NULL;
    char when[32] = "not yet";
    if (l->count && a->cfg && a->cfg->keys_script) {
        snprintf(when, sizeof when, "fetch %u", l->count); /* screen tests: no wall clock */
    } else if (l->count) {
        struct tm tm;
        if (localtime_r(&l->last_wall, &tm)) strftime(when, sizeof when, "%H:%M:%S", &tm);
    }
    const char *diff = l->diff ? " · change" : "";
    if (l->running) return pv_asprintf("live · fetching...%s", diff);
    if (l->paused) return pv_asprintf("live paused · %s%s", when, diff);
    if (l->period_ms <= 0) return pv_asprintf("live off · %s%s", when, diff);
    double left = (l->next_ms - now_ms()) / 1000.0;
    return pv_asprintf("live %ds · %s · next %.0fs%s", l->period_ms / 1000, when, left > 0 ? left : 0.0, diff);
}

void pv_app_live_free(pv_app *a)
{
    struct pv_live_state *l = a->live;
    if (!l) return;
    if (l->running) {
        l->cancel = 1;
        pthread_join(l->th, NULL);
    }
    pv_model_free(l->result);
    free(l);
    a->live = NULL;
}

/* The command line's loading: see load.h. */
#include "cli/load.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/reports.h"
#include "fetch/symbolz.h"
#include "profile/util.h"
#include "tui/loading.h"

void pv_cli_warn(void *ctx, const char *msg)
{
    pv_load_out *o = ctx;
    if (o && o->warn) {
        o->warn(o->wctx, msg);
        return;
    }
    if (o && o->tcfg)
        pv_tui_config_warn(o->tcfg, msg); /* shown again once the TUI runs */
    if (o && o->screen)
        pv_loading_warn(o->screen, msg);
    else
        pv_print_escaped(stderr, "pview: ", msg);
}

static void progress_cb(void *ctx, const char *line)
{
    pv_loading_step(((pv_load_out *)ctx)->screen, "fetching"); /* only fetching has progress lines */
    pv_loading_message(((pv_load_out *)ctx)->screen, line);
}
static void countdown_cb(void *ctx, int left) { pv_loading_countdown(((pv_load_out *)ctx)->screen, left); }

static void saved_cb(void *ctx, const char *line)
{
    pv_load_out *o = ctx;
    free(o->saved);
    o->saved = strdup(line);
    pv_loading_message(o->screen, line);
}

void pv_cli_save_later(pv_load_out *out)
{
    if (!out->later)
        return;
    char *line = pv_fetch_later_run(out->later);
    out->later = NULL;
    if (line) {
        free(out->saved);
        out->saved = line;
    }
}

static bool download_cb(void *ctx, const char *what, long done, long total)
{
    return pv_loading_download(((pv_load_out *)ctx)->screen, what, done, total);
}

/* pprof's -add_comment: one more comment in the profile. */
static int add_comment_to(pv_model *m, const char *c)
{
    pv_strid id = pv_intern(m, c, strlen(c));
    pv_strid *nc = realloc(m->comments, (m->ncomments + 1) * sizeof *nc);
    if (id == PV_NONE || !nc)
        return -1;
    m->comments = nc;
    m->comments[m->ncomments++] = id;
    return 0;
}


/* Symbolizes m as pprof does: locally (unless -symbolize=none or remote), then, for mappings
 * of fetched profiles (sources non-NULL) still without functions, by the servers' symbol
 * endpoints (unless -symbolize=none or local); then applies drop_frames. Returns 1 when m
 * changed, 0 when not, -1 with err set when the load must fail (pprof gives up when a symbol
 * endpoint fails). */
static int finish_model(pv_model *m, const struct pv_symbolz_sources *sources, const pv_symbolize_opts *sopts,
                        const pv_fetch_opts *fopts, pv_load_out *out, char *err, size_t errlen)
{
    pv_loading *scr = out ? out->screen : NULL;
    int changed = 0;
    if (sopts->binary && pv_model_set_main_binary(m, sopts->binary) != 0) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    pv_symbolize_hooks sh = {download_cb, out};
    if (scr && sopts->mode != PV_SYM_NONE)
        pv_loading_step(scr, "symbolizing");
    if (sopts->mode != PV_SYM_NONE && !sopts->no_local) {
        long k = pv_symbolize_ex(m, sopts, pv_cli_warn, out, scr ? &sh : NULL);
        if (k < 0) {
            snprintf(err, errlen, "out of memory while symbolizing");
            return -1;
        }
        changed |= k > 0;
    }
    if (sources && sopts->mode != PV_SYM_NONE && !sopts->no_remote) {
        size_t had = m->nmappings, named_before = 0, named_after = 0;
        for (size_t i = 0; i < m->nmappings; i++)
            named_before += m->mappings[i].has_functions;
        char *e = NULL;
        long k = pv_fetch_symbolz(m, sources, fopts, sopts->mode == PV_SYM_FORCE || sopts->demangle_full,
                                  sopts->demangle_full, scr ? pv_loading_cancel_flag(scr) : NULL, &e);
        if (k < 0) {
            snprintf(err, errlen, "%s", e ? e : "out of memory");
            free(e);
            return -1;
        }
        for (size_t i = 0; i < m->nmappings; i++)
            named_after += m->mappings[i].has_functions;
        changed |= k > 0 || had != m->nmappings || named_before != named_after;
    }
    char e2[1024];
    if (pv_model_drop_frames(m, e2, sizeof e2) != 0)
        pv_cli_warn(out, e2);
    changed |= m->loaded_stack != NULL;
    return changed;
}

/* finish_model() and -add_comment before pv_fetch_cli_load() saves a fetched profile (pprof
 * saves the comment too). */
typedef struct {
    const pv_symbolize_opts *sopts;
    const pv_fetch_opts *fopts;
    pv_load_out *out;
    const char *add_comment; /* or NULL */
    bool done;
} prepare_ctx;

static int prepare_cb(void *ctx, pv_model *m, const struct pv_symbolz_sources *sources, char *err, size_t errlen)
{
    prepare_ctx *pc = ctx;
    pc->done = true;
    int changed = finish_model(m, sources, pc->sopts, pc->fopts, pc->out, err, errlen);
    if (changed >= 0 && pc->add_comment) {
        if (add_comment_to(m, pc->add_comment) != 0) {
            snprintf(err, errlen, "out of memory");
            return -1;
        }
        changed = 1;
    }
    return changed;
}

/* Loads the sources (URLs fetched and saved as pprof does, "-" stdin, files) and the base
 * profiles, then symbolizes, applies drop_frames and adds add_comment (NULL: none). Lines go
 * where out says (NULL: stderr). NULL with err set, or err empty when the problem was said
 * already. */
pv_model *pv_cli_load_profile(const char *const *paths, size_t n, const pv_base_opts *bopts,
                              const pv_fetch_opts *fopts, const pv_load_opts *lopts, const pv_symbolize_opts *sopts,
                              const char *add_comment, pv_load_out *out, char *err, size_t errlen)
{
    pv_loading *scr = out ? out->screen : NULL;
    pv_fetch_cli_hooks fh = {progress_cb, countdown_cb, pv_cli_warn, saved_cb, out,
                             scr ? pv_loading_cancel_flag(scr) : NULL, scr ? &out->later : NULL,
                             out ? out->sizes : NULL};
    prepare_ctx pc = {sopts, fopts, out, add_comment, false};
    pv_fetch_prepare prep = {prepare_cb, &pc};
    if (scr)
        pv_loading_step(scr, "reading");
    /* the TUI's own loads (the loading screen, reloads) say nothing on stderr: its screen is
     * there; the TUI's reloads drop the fetch's progress lines */
    bool quiet = scr || (out && out->warn);
    if (!scr)
        fh.progress = NULL, fh.countdown = NULL, fh.saved = NULL;
    pv_model *m = pv_fetch_cli_load(paths, n, fopts, sopts->binary, lopts, bopts, quiet ? &fh : NULL, &prep, err, errlen);
    if (!m)
        return NULL;
    if (pc.done)
        return m;
    if (finish_model(m, NULL, sopts, fopts, out, err, errlen) < 0) {
        pv_model_free(m);
        return NULL;
    }
    if (add_comment && add_comment_to(m, add_comment) != 0) {
        snprintf(err, errlen, "out of memory");
        pv_model_free(m);
        return NULL;
    }
    return m;
}

pv_model *pv_cli_reload(void *ctx, const char *const *base, size_t nbase, bool diff,
                           void (*warn)(void *wctx, const char *msg), void *wctx, char *err, size_t errlen)
{
    pv_reload_ctx *r = ctx;
    pv_base_opts b = {base, nbase, diff, false, NULL, NULL};
    pv_load_out out = {NULL, NULL, NULL, warn, wctx, NULL, NULL};
    /* what the first load fetched is read again from its saved copy, not fetched again (a
     * CPU profile takes its seconds, and the server's profile has moved on) */
    static const char said[] = "Saved profile in ";
    const char *saved = r->first && r->first->saved && !r->first_base && !strncmp(r->first->saved, said, strlen(said))
                            ? r->first->saved + strlen(said)
                            : NULL;
    if (saved)
        return pv_cli_load_profile(&saved, 1, nbase ? &b : NULL, r->fopts, r->lopts, r->sopts, NULL, &out, err, errlen);
    return pv_cli_load_profile(r->paths, r->npaths, nbase ? &b : NULL, r->fopts, r->lopts, r->sopts, NULL, &out, err, errlen);
}


pv_model *pv_cli_tui_load(void *ctx, pv_loading *l, char *err, size_t errlen)
{
    pv_tui_job *j = ctx;
    j->out.screen = l;
    pv_model *m = pv_cli_load_profile(j->paths, j->npaths, j->bopts, j->fopts, j->lopts, j->sopts, j->add_comment, &j->out,
                               err, errlen);
    j->out.screen = NULL;
    if (m && pv_loading_canceled(l)) { /* a download stopped half-way: not the profile asked for */
        pv_model_free(m);
        pv_fetch_later_free(j->out.later);
        j->out.later = NULL;
        return NULL;
    }
    return m;
}

/* The command line's loading: sources fetched or read, base profiles, symbolization (local,
 * then the servers' symbol endpoints), drop_frames and -add_comment, with the lines of the
 * load sent where the caller says (stderr, the TUI's loading screen, the TUI itself). */
#ifndef PVIEW_CLI_LOAD_H
#define PVIEW_CLI_LOAD_H

#include <stdbool.h>
#include <stddef.h>

#include "fetch/fetch.h"
#include "profile/load.h"
#include "symbolize/symbolize.h"
#include "tui/tui.h"

/* Where a load's lines go: stderr (batch, REPL), the loading screen
 * with the warnings kept for the TUI (stderr is hidden behind its screen), or the TUI itself
 * (its reloads: warn). */
typedef struct {
    pv_tui_config *tcfg; /* warnings kept for the TUI, or NULL */
    pv_loading *screen;  /* the loading screen, or NULL: stderr */
    char *saved;         /* "Saved profile in PATH", said once the TUI is gone (malloc'd) */
    void (*warn)(void *wctx, const char *msg); /* the TUI's own (its reloads), or NULL */
    void *wctx;
    /* the loading screen's load: the fetched profile's save, put off until the TUI has shown
     * it (pv_cli_save_later) */
    pv_fetch_later *later;
    /* the live view's sizes of each source's last profile (pv_live_sizes), or NULL */
    pv_stream_sizes *sizes;
} pv_load_out;

/* What the TUI needs to load the profile again (against another base profile). */
typedef struct {
    const char *const *paths;
    size_t npaths;
    const pv_fetch_opts *fopts;
    const pv_load_opts *lopts;
    const pv_symbolize_opts *sopts;
    pv_tui_config *tcfg;
    const pv_load_out *first; /* the TUI's first load (where it saved what it fetched), or NULL */
    bool first_base;       /* that load had a base: its saved copy holds the base too */
} pv_reload_ctx;

/* The TUI's load, on the loading screen's thread. */
typedef struct {
    const char *const *paths;
    size_t npaths;
    const pv_base_opts *bopts; /* NULL: no base */
    const pv_fetch_opts *fopts;
    const pv_load_opts *lopts;
    const pv_symbolize_opts *sopts;
    const char *add_comment;
    pv_load_out out;
} pv_tui_job;

/* Writes out->later, if any: its line ("Saved profile in PATH", or "Could not save
 * profile: ...") is kept in out->saved, said once the TUI is gone. */
void pv_cli_save_later(pv_load_out *out);

/* The load's warning hook (ctx: a pv_load_out, or NULL for stderr). */
void pv_cli_warn(void *ctx, const char *msg);

/* Loads the sources (URLs fetched and saved as pprof does, "-" stdin, files) and the base
 * profiles (bopts, or NULL), then symbolizes, applies drop_frames and adds add_comment (NULL:
 * none). Lines go where out says (NULL: stderr). NULL with err set, or err empty when the
 * problem was said already. */
pv_model *pv_cli_load_profile(const char *const *paths, size_t n, const pv_base_opts *bopts,
                              const pv_fetch_opts *fopts, const pv_load_opts *lopts, const pv_symbolize_opts *sopts,
                              const char *add_comment, pv_load_out *out, char *err, size_t errlen);

/* pv_tui_config.reload for the command line's sources (ctx: a pv_reload_ctx). */
pv_model *pv_cli_reload(void *ctx, const char *const *base, size_t nbase, bool diff,
                        void (*warn)(void *wctx, const char *msg), void *wctx, char *err, size_t errlen);

/* pv_tui_load.load (ctx: a pv_tui_job): the load behind the TUI's loading screen. */
pv_model *pv_cli_tui_load(void *ctx, pv_loading *l, char *err, size_t errlen);

#endif

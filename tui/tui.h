/* The interactive UI. Owns the terminal from pv_tui_run() until it returns. */
#ifndef PVIEW_TUI_H
#define PVIEW_TUI_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "profile/model.h"
#include "profile/report.h"
#include "tui/loading.h"

typedef struct {
    const char *theme;       /* -theme NAME, or NULL ($PVIEW_THEME, then the config file) */
    const char *keys_script; /* test mode: read keys from this file instead of the terminal */
    const char *dump_path;   /* test mode: write screen dumps here */
    int test_lines, test_cols; /* test mode: virtual screen size */
    char **warnings; /* said before the TUI started (pv_tui_config_warn); shown once it runs */
    size_t nwarnings;
    bool diff;       /* the profile was loaded against a base (-diff_base, -base): signed values */
    const char *base_label; /* "diff_base=FILE" or "base=FILE" (shown with the settings), or NULL */
    size_t nsources; /* the profile's own sources among the model's (the rest are bases); 0: all */
    /* Loads the profile again against base profile files (NULL, none: no base; diff: as
     * -diff_base, else as -base), symbolized as at start. The load's warnings go to warn
     * (never to stderr: the screen is the TUI's). NULL with a message in err. Set by the
     * command line; the TUI's :diff_base= and :base= use it. */
    pv_model *(*reload)(void *ctx, const char *const *base, size_t nbase, bool diff,
                        void (*warn)(void *wctx, const char *msg), void *wctx, char *err, size_t errlen);
    void *reload_ctx;
    /* -refresh: the profile fetched again every refresh_ms (0: not live; :refresh= sets it).
     * live_refresh fetches the sources again and returns the new model (diff: against the
     * fetch before, as -diff_base); it runs on a thread of its own and must stop soon after
     * *cancel becomes non-zero. live_rebuild makes the model of the last fetch again, with or
     * without the diff, without fetching. NULL when the command line has no live source. */
    int refresh_ms;
    pv_model *(*live_refresh)(void *ctx, bool diff, const volatile sig_atomic_t *cancel, char *err, size_t errlen);
    pv_model *(*live_rebuild)(void *ctx, bool diff, char *err, size_t errlen);
    void *live_ctx;
    /* Called once, when the first profile has been drawn (the command line then saves the
     * fetched profile), or NULL. */
    void (*shown)(void *ctx);
    void *shown_ctx;
} pv_tui_config;

/* Keeps a copy of msg (one warning, without "pview: ") in cfg, so that the TUI shows it on the
 * message line after startup and lists it in the options view: stderr is hidden behind the
 * TUI's screen. Returns 0, or -1 when out of memory. */
int pv_tui_config_warn(pv_tui_config *cfg, const char *msg);
/* Frees the warnings kept in cfg. */
void pv_tui_config_free(pv_tui_config *cfg);

/* Runs the UI on model m starting from settings o (which it may change). Returns the exit
 * status for main. */
int pv_tui_run(pv_model *m, pv_options *o, const pv_tui_config *cfg);

/* A load for pv_tui_run_loading: the caller fills load, ctx and what; the rest is the answer. */
typedef struct {
    /* Runs on a thread of its own (quit signals blocked there) while the loading screen shows
     * l; tells how it goes through l (tui/loading.h) and stops soon after
     * pv_loading_canceled(l). Returns the model (the TUI then runs on it), or NULL with one
     * line in err (empty: nothing more to say than the warnings). It may add warnings to the
     * config (pv_tui_config_warn): the TUI reads them only after the load ended. */
    pv_model *(*load)(void *ctx, pv_loading *l, char *err, size_t errlen);
    void *ctx;
    const char *what;  /* the source, named on the loading screen */
    pv_model *model;   /* out: the model the TUI ran on (the caller frees it), or NULL */
    bool failed;       /* out: load returned NULL; err says why (or is empty) */
    bool canceled;     /* out: the user stopped the load (q, Esc, Ctrl-C or a quit signal) */
    bool abandoned;    /* out: canceled, and the load did not stop within a second: its thread
                        * still runs and uses ctx, so the caller must end the process (_exit)
                        * without freeing what ctx reaches */
    char err[1024];    /* out: why the load failed */
} pv_tui_load;

/* As pv_tui_run, but the terminal comes up first: the loading screen shows while ld->load
 * runs, then the UI opens on its model. When the load fails or is canceled, the terminal is
 * restored and nothing is printed: the caller says why (ld->failed, ld->err, ld->canceled).
 * Returns the exit status: the UI's; 1 when the load failed; when canceled, 128 + the signal
 * (Ctrl-C: 130) or 1 (q, Esc). */
int pv_tui_run_loading(pv_tui_load *ld, pv_options *o, pv_tui_config *cfg);

/* Writes the key bindings as the roff of the man page's KEYS section (for -tui_keytable).
 * Returns 0, or 1 on a write error. */
int pv_tui_print_keytable(FILE *out);

#endif

/* The loading screen: the TUI comes up first and shows how a load that runs on a thread of
 * its own is doing (the source, pprof's fetch lines, the countdown of a CPU profile being
 * collected, debuginfod downloads, warnings, elapsed time), and lets the user stop it.
 *
 * pv_loading is the state shared by the two threads: the loader writes it through the
 * functions below (from any thread, any time), the screen reads it. It knows nothing of
 * curses; the screen is pv_tui_run_loading() (tui/tui.h). */
#ifndef PVIEW_TUI_LOADING_H
#define PVIEW_TUI_LOADING_H

#include <signal.h>
#include <stdbool.h>

typedef struct pv_loading pv_loading;

/* A state for loading what (the source named on the screen; copied). NULL when out of
 * memory. With $PVIEW_TEST_LOADING_LOG set (a test mode), every line the screen is given to
 * show (messages, countdown, downloads, warnings) is also appended to that file, one per line,
 * as the screen words it. */
pv_loading *pv_loading_new(const char *what);
/* Frees the state; the loader must be done with it. */
void pv_loading_free(pv_loading *l);

/* What the load is doing now ("reading", "fetching", "symbolizing"); copied. */
void pv_loading_step(pv_loading *l, const char *step);
/* A progress line (pprof's "Fetching profile over HTTP from URL", "Please wait... (30s)");
 * copied. */
void pv_loading_message(pv_loading *l, const char *line);
/* A warning (shown on the screen; the TUI's own list is the caller's: pv_tui_config_warn). */
void pv_loading_warn(pv_loading *l, const char *line);
/* The seconds left while a timed profile is collected (-1: none any more). */
void pv_loading_countdown(pv_loading *l, int seconds_left);
/* A download under way: what names it, done and total bytes (total 0: unknown). Returns true
 * when the user asked to stop (the download should be canceled): the shape of
 * pv_symbolize_hooks.progress. */
bool pv_loading_download(pv_loading *l, const char *what, long done, long total);

/* Set (non-zero) once the user asked to stop: q, Esc, Ctrl-C or a quit signal. The pointer is
 * valid for the life of l, e.g. for pv_fetch_cli_hooks.cancel. */
const volatile sig_atomic_t *pv_loading_cancel_flag(pv_loading *l);
bool pv_loading_canceled(pv_loading *l);

#endif

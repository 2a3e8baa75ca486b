/* The terminal: curses setup and restore, signals (quit, Ctrl-Z, crashes), colours, the
 * screen flush and the input events. Private to tui/. */
#ifndef PVIEW_TUI_TERM_H
#define PVIEW_TUI_TERM_H

#include <curses.h>
#include <stdbool.h>
#include <stdio.h>

#include "tui/app.h"
#include "tui/script.h"
#include "tui/tui.h"

typedef struct {
    SCREEN *screen;
    FILE *in, *out; /* test mode's /dev/null streams */
    bool test;
    int prompt_cursor; /* column of the cursor while a prompt is open, else -1 */
} pv_term;

/* Installs the handlers (quit signals end the loop, Ctrl-Z suspends from the loop, crashes
 * restore the terminal first); restore puts the defaults back. */
void pv_term_install_signals(void);
void pv_term_restore_signals(void);
/* The quit signal received (SIGINT, SIGTERM, SIGHUP), or 0; clear_signals resets both. */
int pv_term_quit_signal(void);
void pv_term_clear_signals(void);

/* 0, -1 (cannot initialise), -2 (not a terminal). */
int pv_term_open(pv_app *a, pv_term *t, const pv_tui_config *cfg);
void pv_term_close(pv_term *t);
/* Copies the screen grid to the terminal. */
void pv_term_flush(pv_app *a, pv_term *t);
/* The next event from the terminal; PV_EV_EOF once a quit signal arrived. tick_ms > 0:
 * PV_EV_TICK when no key came within that many milliseconds; 0: wait for a key. */
pv_event pv_term_read(int tick_ms);
/* The loading screen (tui/loading.c), on the open terminal: runs ld->load on a thread and
 * draws its progress until it ends or the user stops it. Returns 0 when the load ended
 * (ld->model, or ld->failed), else the exit status of a cancel (ld->canceled set). */
int pv_loading_run(pv_app *a, pv_term *t, pv_tui_load *ld);
/* Theme roles described for test dumps. */
void pv_term_legend(const pv_app *a, char out[PV_ROLE_COUNT][96], const char *ptrs[PV_ROLE_COUNT]);

#endif

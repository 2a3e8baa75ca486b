/* The interactive UI. Owns the terminal from pv_tui_run() until it returns. */
#ifndef PVIEW_TUI_H
#define PVIEW_TUI_H

#include <stdio.h>

#include "profile/model.h"
#include "profile/report.h"

typedef struct {
    const char *theme;       /* -theme NAME, or NULL ($PVIEW_THEME, then the config file) */
    const char *keys_script; /* test mode: read keys from this file instead of the terminal */
    const char *dump_path;   /* test mode: write screen dumps here */
    int test_lines, test_cols; /* test mode: virtual screen size */
} pv_tui_config;

/* Runs the UI on model m starting from settings o (which it may change). Returns the exit
 * status for main. */
int pv_tui_run(pv_model *m, pv_options *o, const pv_tui_config *cfg);

/* Writes the key bindings as the roff of the man page's KEYS section (for -tui_keytable).
 * Returns 0, or 1 on a write error. */
int pv_tui_print_keytable(FILE *out);

#endif

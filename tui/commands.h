/* The `:` commands: one table (name, arguments, help, handler) that runs them, lists them in
 * the help view and offers them to completion. The words are the pprof REPL's. */
#ifndef PVIEW_TUI_COMMANDS_H
#define PVIEW_TUI_COMMANDS_H

#include <stddef.h>

#include "tui/app.h"

typedef struct {
    const char *name;  /* the word; "top" also takes top20 */
    const char *args;  /* for help: "[n] [-cum] [RE]* [-RE]*" */
    const char *help;
    /* tok[0] is the word as typed; line is the whole input. Returns PV_CH_*. */
    unsigned (*run)(pv_app *a, char **tok, size_t ntok, const char *line);
} pv_command_def;

/* Every command, ends with {NULL}. */
extern const pv_command_def pv_commands[];

/* Runs one line of pprof REPL words (commands, name=value settings, sample type names). */
unsigned pv_command(pv_app *a, const char *line);

#endif

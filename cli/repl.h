/* pprof's line-mode REPL: `(pprof) ` prompts, commands and settings in the REPL's words. */
#ifndef PVIEW_CLI_REPL_H
#define PVIEW_CLI_REPL_H

#include <stdio.h>

#include "profile/model.h"
#include "profile/options.h"

/* Reads commands from in until EOF or quit. Reports go to out; the banner, help, options
 * and errors to msg, as go tool pprof writes them to stdout and stderr. o is the current
 * configuration (changed by assignments). Returns the exit status. */
int pv_repl_run(FILE *in, FILE *out, FILE *msg, const pv_model *m, pv_options *o);

#endif

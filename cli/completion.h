/* Shell completion scripts for bash and zsh, generated from the flag tables (pprof's
 * settings and aliases, the reports, pview's own flags). */
#ifndef PVIEW_CLI_COMPLETION_H
#define PVIEW_CLI_COMPLETION_H

#include <stdio.h>

/* One flag as completion sees it. */
typedef struct {
    const char *name;
    int takes_value;         /* -name=VALUE */
    const char *help;        /* first line used */
    const char *const *values; /* fixed values (granularity...), or NULL */
} pv_completion_flag;

/* Writes the completion script for shell ("bash" or "zsh"). flags ends with {NULL}.
 * Values of -sample_index come from `pview -print_sample_types FILE` on the profile already
 * on the line; -theme values from `pview -print_themes`. 0, or -1 for an unknown shell. */
int pv_completion_print(FILE *out, const char *shell, const pv_completion_flag *flags);

#endif

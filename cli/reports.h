/* The batch reports: one table (name, argument, run). A report flag (-top, -peek=RE, ...)
 * picks one; it prints to the output and pview exits. The line-mode REPL runs the same
 * table by the same names. */
#ifndef PVIEW_CLI_REPORTS_H
#define PVIEW_CLI_REPORTS_H

#include <stdbool.h>
#include <stdio.h>

#include "profile/model.h"
#include "profile/options.h"

typedef enum {
    PV_REPORT_ARG_NONE,     /* -top */
    PV_REPORT_ARG_REGEX,    /* -peek=RE, -list=RE: the flag's value */
} pv_report_arg;

typedef struct pv_report_def {
    const char *name;    /* the flag and REPL word: "top", "peek", ... */
    const char *alias;   /* a second name ("text" for top), or NULL */
    pv_report_arg arg;
    const char *help;    /* pprof's help line */
    /* Builds the report over m with settings o (a copy the run may change: pprof's command
     * overrides) and prints it to out. arg: the regex for ARG_REGEX reports, else NULL.
     * Warnings go to warn (stderr in batch). Returns 0, or -1 with a one-line message in err. */
    int (*run)(FILE *out, FILE *warn, const pv_model *m, pv_options *o, const char *arg, char *err, size_t errlen);
    bool binary_output;  /* writes bytes (proto): refused on a terminal without -output */
} pv_report_def;

/* Every report, ends with {NULL}. */
extern const pv_report_def pv_reports[];

const pv_report_def *pv_report_find(const char *name);

/* -folded and -flame (report_flame.c). */
int pv_run_folded(FILE *out, FILE *warn, const pv_model *m, pv_options *o, const char *arg, char *err,
                  size_t errlen);
int pv_run_flame(FILE *out, FILE *warn, const pv_model *m, pv_options *o, const char *arg, char *err,
                 size_t errlen);

/* Writes warnings (one per line) with control characters escaped, as main's messages. */
void pv_print_escaped(FILE *out, const char *prefix, const char *msg);

#endif

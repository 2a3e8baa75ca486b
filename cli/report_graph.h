/* The batch reports over the call graph: tree, peek, dot and its Graphviz formats,
 * callgrind, and comments. Their rows are in cli/reports.c. */
#ifndef PVIEW_CLI_REPORT_GRAPH_H
#define PVIEW_CLI_REPORT_GRAPH_H

#include <stdio.h>

#include "profile/model.h"
#include "profile/options.h"

int pv_run_tree(FILE *out, FILE *warn, const pv_model *m, pv_options *o, const char *arg, char *err, size_t errlen);
int pv_run_peek(FILE *out, FILE *warn, const pv_model *m, pv_options *o, const char *arg, char *err, size_t errlen);
int pv_run_dot(FILE *out, FILE *warn, const pv_model *m, pv_options *o, const char *arg, char *err, size_t errlen);
int pv_run_svg(FILE *out, FILE *warn, const pv_model *m, pv_options *o, const char *arg, char *err, size_t errlen);
int pv_run_png(FILE *out, FILE *warn, const pv_model *m, pv_options *o, const char *arg, char *err, size_t errlen);
int pv_run_pdf(FILE *out, FILE *warn, const pv_model *m, pv_options *o, const char *arg, char *err, size_t errlen);
int pv_run_callgrind(FILE *out, FILE *warn, const pv_model *m, pv_options *o, const char *arg, char *err,
                     size_t errlen);
int pv_run_comments(FILE *out, FILE *warn, const pv_model *m, pv_options *o, const char *arg, char *err,
                    size_t errlen);

#endif

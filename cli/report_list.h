/* Runners of the annotated reports: -list=RE (profile/list.h) and -disasm=RE. Signatures as
 * pv_report_def.run (cli/reports.h). */
#ifndef PVIEW_CLI_REPORT_LIST_H
#define PVIEW_CLI_REPORT_LIST_H

#include <stddef.h>
#include <stdio.h>

#include "profile/model.h"
#include "profile/options.h"

int pv_run_list(FILE *out, FILE *warn, const pv_model *m, pv_options *o, const char *arg, char *err, size_t errlen);
int pv_run_disasm(FILE *out, FILE *warn, const pv_model *m, pv_options *o, const char *arg, char *err,
                  size_t errlen);

#endif

/* The sample reports of the batch table: -traces, -tags, -raw, -proto (cli/report_samples.c). */
#ifndef PVIEW_CLI_REPORT_SAMPLES_H
#define PVIEW_CLI_REPORT_SAMPLES_H

#include <stdio.h>

#include "profile/model.h"
#include "profile/options.h"

int pv_run_traces(FILE *out, FILE *warn, const pv_model *m, pv_options *o, const char *arg, char *err, size_t errlen);
int pv_run_tags(FILE *out, FILE *warn, const pv_model *m, pv_options *o, const char *arg, char *err, size_t errlen);
int pv_run_raw(FILE *out, FILE *warn, const pv_model *m, pv_options *o, const char *arg, char *err, size_t errlen);
int pv_run_proto(FILE *out, FILE *warn, const pv_model *m, pv_options *o, const char *arg, char *err, size_t errlen);

#endif

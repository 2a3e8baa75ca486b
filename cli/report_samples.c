/* Runners of the sample reports: pprof's command overrides, build, warnings, print. */
#include "cli/report_samples.h"

#include "cli/reports.h"
#include "profile/proto_out.h"
#include "profile/raw.h"
#include "profile/tags.h"
#include "profile/traces.h"

static void print_warnings(FILE *warn, char **w, size_t n)
{
    for (size_t i = 0; i < n; i++)
        pv_print_escaped(warn, "", w[i]);
}

int pv_run_traces(FILE *out, FILE *warn, const pv_model *m, pv_options *o, const char *arg, char *err, size_t errlen)
{
    (void)arg;
    pv_traces *t = pv_traces_build(m, o, err, errlen);
    if (!t)
        return -1;
    print_warnings(warn, t->sel->warnings, t->sel->nwarnings);
    int r = pv_print_traces(out, t);
    if (r != 0)
        snprintf(err, errlen, "out of memory");
    pv_traces_free(t);
    return r;
}

int pv_run_tags(FILE *out, FILE *warn, const pv_model *m, pv_options *o, const char *arg, char *err, size_t errlen)
{
    (void)arg;
    pv_tags *t = pv_tags_build(m, o, err, errlen);
    if (!t)
        return -1;
    print_warnings(warn, t->sel->warnings, t->sel->nwarnings);
    int r = pv_print_tags(out, t);
    if (r != 0)
        snprintf(err, errlen, "out of memory");
    pv_tags_free(t);
    return r;
}

int pv_run_raw(FILE *out, FILE *warn, const pv_model *m, pv_options *o, const char *arg, char *err, size_t errlen)
{
    (void)arg;
    pv_raw *r = pv_raw_build(m, o, err, errlen);
    if (!r)
        return -1;
    print_warnings(warn, r->sel->warnings, r->sel->nwarnings);
    pv_print_raw(out, r);
    pv_raw_free(r);
    return 0;
}

int pv_run_proto(FILE *out, FILE *warn, const pv_model *m, pv_options *o, const char *arg, char *err, size_t errlen)
{
    (void)arg;
    pv_raw *r = pv_raw_build(m, o, err, errlen);
    if (!r)
        return -1;
    print_warnings(warn, r->sel->warnings, r->sel->nwarnings);
    int rc = pv_write_proto(out, r, err, errlen);
    pv_raw_free(r);
    return rc;
}

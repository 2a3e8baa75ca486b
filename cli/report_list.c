/* -list=RE and -disasm=RE in batch. */
#include "cli/report_list.h"

#include "cli/reports.h"

#include <stdlib.h>
#include "profile/list.h"
#include "symbolize/disasm.h"

int pv_run_list(FILE *out, FILE *warn, const pv_model *m, pv_options *o, const char *arg, char *err, size_t errlen)
{
    /* pview looks for Go standard library files in the local GOROOT too (PVIEW_PPROF_SOURCES=1:
     * only where pprof looks) */
    const char *strict = getenv("PVIEW_PPROF_SOURCES");
    pv_list *l = pv_list_build(m, o, arg, !(strict && *strict == '1'), err, errlen);
    if (!l)
        return -1;
    for (size_t i = 0; i < l->sel->nwarnings; i++)
        pv_print_escaped(warn, "", l->sel->warnings[i]);
    pv_list_print(out, l);
    pv_list_free(l);
    return 0;
}

int pv_run_disasm(FILE *out, FILE *warn, const pv_model *m, pv_options *o, const char *arg, char *err,
                  size_t errlen)
{
    pv_disasm *d = pv_disasm_build(m, o, arg, err, errlen);
    if (!d)
        return -1;
    for (size_t i = 0; i < d->sel->nwarnings; i++)
        pv_print_escaped(warn, "", d->sel->warnings[i]);
    pv_disasm_print(out, d);
    pv_disasm_free(d);
    return 0;
}

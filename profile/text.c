/* Text output of reports, as `go tool pprof` prints them. */
#include <stdio.h>

#include "profile/measure.h"
#include "profile/report.h"

void pv_print_top(FILE *out, const pv_report *r)
{
    for (size_t i = 0; i < r->nlabels; i++)
        fprintf(out, "%s\n", r->labels[i]);
    fprintf(out, "%10s %5s%% %5s%% %10s %5s%%\n", "flat", "flat", "sum", "cum", "cum");
    int64_t sum = 0;
    for (size_t i = 0; i < r->nrows; i++) {
        const pv_row *row = &r->rows[i];
        char flat[64], cum[64], fp[32], sp[32], cp[32];
        sum = (int64_t)((uint64_t)sum + (uint64_t)row->flat); /* wraps as Go does */
        pv_report_format(r, row->flat, flat, sizeof flat);
        pv_report_format(r, row->cum, cum, sizeof cum);
        pv_percentage(fp, sizeof fp, row->flat, r->total);
        pv_percentage(sp, sizeof sp, sum, r->total);
        pv_percentage(cp, sizeof cp, row->cum, r->total);
        fprintf(out, "%10s %s %s %10s %s  %s%s%s\n", flat, fp, sp, cum, cp, row->name, *row->inline_label ? " " : "",
                row->inline_label);
    }
}

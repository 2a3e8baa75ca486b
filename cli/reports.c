/* The table of batch reports and their runners. */
#include "cli/reports.h"

#include <stdbool.h>
#include <string.h>

#include "cli/report_list.h"
#include "profile/report.h"
#include "cli/report_samples.h"
#include "cli/report_graph.h"

/* Prints selection warnings as pprof does (on stderr, before the report). */
static void print_warnings(FILE *warn, char **w, size_t n)
{
    for (size_t i = 0; i < n; i++)
        pv_print_escaped(warn, "", w[i]);
}

static int run_top(FILE *out, FILE *warn, const pv_model *m, pv_options *o, const char *arg, char *err,
                   size_t errlen)
{
    (void)arg;
    pv_report *r = pv_report_build(m, o, err, errlen);
    if (!r)
        return -1;
    print_warnings(warn, r->warnings, r->nwarnings);
    pv_print_top(out, r);
    pv_report_free(r);
    return 0;
}

const pv_report_def pv_reports[] = {
    {.name = "top", .alias = "text", .arg = PV_REPORT_ARG_NONE,
     .help = "Outputs top entries in text form", .run = run_top},
    {.name = "traces", .arg = PV_REPORT_ARG_NONE, .help = "Outputs all profile samples in text form",
     .run = pv_run_traces},
    {.name = "tags", .arg = PV_REPORT_ARG_NONE, .help = "Outputs all tags in the profile", .run = pv_run_tags},
    {.name = "raw", .arg = PV_REPORT_ARG_NONE, .help = "Outputs a text representation of the raw profile",
     .run = pv_run_raw},
    {.name = "proto", .arg = PV_REPORT_ARG_NONE, .help = "Outputs the profile in compressed protobuf format",
     .run = pv_run_proto, .binary_output = true},
    {.name = "list", .arg = PV_REPORT_ARG_REGEX,
     .help = "Output annotated source for functions matching regexp", .run = pv_run_list},
    {.name = "disasm", .arg = PV_REPORT_ARG_REGEX,
     .help = "Output assembly listings annotated with samples", .run = pv_run_disasm},
    {.name = "tree", .help = "Outputs a text rendering of call graph", .run = pv_run_tree},
    {.name = "peek", .arg = PV_REPORT_ARG_REGEX, .help = "Output callers/callees of functions matching regexp",
     .run = pv_run_peek},
    {.name = "dot", .help = "Outputs a graph in DOT format", .run = pv_run_dot},
    {.name = "svg", .help = "Outputs a graph in SVG format (needs Graphviz)", .run = pv_run_svg},
    {.name = "png", .help = "Outputs a graph image in PNG format (needs Graphviz)", .run = pv_run_png,
     .binary_output = true},
    {.name = "pdf", .help = "Outputs a graph in PDF format (needs Graphviz)", .run = pv_run_pdf, .binary_output = true},
    {.name = "callgrind", .help = "Outputs a graph in callgrind format", .run = pv_run_callgrind},
    {.name = "comments", .help = "Output all profile comments", .run = pv_run_comments},
    {.name = "folded", .arg = PV_REPORT_ARG_NONE,
     .help = "Outputs collapsed stacks (root first, ';'-separated, then the value) for flame graph tools",
     .run = pv_run_folded},
    {.name = "flame", .arg = PV_REPORT_ARG_NONE, .help = "Outputs a text flame graph -width columns wide",
     .run = pv_run_flame},
    {.name = NULL},
};

const pv_report_def *pv_report_find(const char *name)
{
    for (const pv_report_def *d = pv_reports; d->name; d++)
        if (!strcmp(d->name, name) || (d->alias && !strcmp(d->alias, name)))
            return d;
    return NULL;
}

/* Messages can quote a profile's strings: their control bytes, C1 characters and invalid
 * UTF-8 are written escaped, so a hostile profile cannot drive the terminal through stderr. */
void pv_print_escaped(FILE *out, const char *prefix, const char *msg)
{
    fputs(prefix, out);
    const unsigned char *p = (const unsigned char *)msg;
    while (*p) {
        unsigned c = *p;
        if (c < 0x20 || c == 0x7f) {
            fprintf(out, "\\x%02x", c);
            p++;
            continue;
        }
        if (c < 0x80) {
            fputc((int)c, out);
            p++;
            continue;
        }
        /* a UTF-8 sequence: its length from the lead byte, then continuation bytes */
        int n = c >= 0xf0 && c < 0xf5 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 && c < 0xe0 ? 2 : 0;
        if (c >= 0xf5)
            n = 0;
        unsigned cp = n == 2 ? c & 0x1f : n == 3 ? c & 0x0f : c & 0x07;
        int k = 1;
        for (; n && k < n && (p[k] & 0xc0) == 0x80; k++)
            cp = cp << 6 | (p[k] & 0x3f);
        bool valid = n && k == n && !(n == 3 && cp < 0x800) && !(n == 4 && (cp < 0x10000 || cp > 0x10ffff)) &&
                     !(cp >= 0xd800 && cp <= 0xdfff);
        if (!valid) {
            fprintf(out, "\\x%02x", c);
            p++;
        } else if (cp >= 0x80 && cp <= 0x9f) {
            fprintf(out, "\\u%04x", cp);
            p += n;
        } else {
            fwrite(p, 1, (size_t)n, out);
            p += n;
        }
    }
    fputc('\n', out);
}

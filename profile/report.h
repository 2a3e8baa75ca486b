/* The top report (pprof's -top / -text) over a selection and its graph.
 *
 * pv_report_build() builds the selection (profile/selection.h) and the graph
 * (profile/graph.h) from the settings and returns the rows of a `top` report in pprof's
 * order, with its header lines. The selection and graph stay available to other products
 * and to the views through r->sel and r->graph. No curses, no printing here: text.c
 * prints a report, the TUI draws one. */
#ifndef PVIEW_PROFILE_REPORT_H
#define PVIEW_PROFILE_REPORT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "profile/graph.h"
#include "profile/model.h"
#include "profile/options.h"
#include "profile/selection.h"

typedef struct {
    char *name;               /* pprof's printable name for the granularity */
    int64_t flat, cum;        /* values after -mean (what pprof prints) */
    const char *inline_label; /* "", "(inline)" or "(partial-inline)" */
    uint32_t node;            /* node id in r->graph (its pv_node_info names function, file, line) */
} pv_row;

typedef struct pv_report {
    pv_row *rows;
    size_t nrows;
    int64_t total;        /* pprof's total: unfiltered unless relative_percentages */
    char **labels;        /* header lines, as pprof prints them above the table */
    size_t nlabels;
    char *sample_type;    /* shown type ("mean_" prefix with -mean); the selection's */
    char *sample_unit;
    char *output_unit;    /* the unit chosen for values */
    double ratio;         /* 1/divide_by */
    size_t nsamples_kept; /* samples left after the filters */
    char **warnings;      /* pprof's "X expression matched no samples" and the like */
    size_t nwarnings;
    int64_t flat_sum;     /* sum of the shown rows' flat */
    size_t nodes_dropped; /* nodes cut by nodefraction */
    size_t nodes_total;   /* nodes before the nodecount cut */
    pv_selection *sel;    /* owned */
    pv_graph *graph;      /* owned */
    int64_t edge_cut;     /* edges lighter than this are trimmed (the marks) */
    bool marks_pending;   /* the rows' inline_label not computed yet (PV_REPORT_MARKS_LATER) */
} pv_report;

/* Builds the top report. Returns NULL with a one-line message in err on bad settings
 * (bad regex, unknown sample index, ...). Free with pv_report_free(). */
pv_report *pv_report_build(const pv_model *m, const pv_options *o, char *err, size_t errlen);

/* The same, with flags: PV_REPORT_MARKS_LATER leaves every row's inline_label "" and
 * marks_pending set until pv_report_marks() (a second pass over the samples, about as long
 * as the rest of the report): a view can show the rows first. */
enum { PV_REPORT_MARKS_LATER = 1 };
pv_report *pv_report_build_ex(const pv_model *m, const pv_options *o, unsigned flags, char *err, size_t errlen);

/* Computes the rows' "(inline)" marks when they are pending. 0, or -1 when out of memory
 * (the rows then keep no marks; they are no longer pending). */
int pv_report_marks(pv_report *r);
void pv_report_free(pv_report *r);

/* Formats v as pprof does in this report (scaled to output_unit, divide_by applied). */
void pv_report_format(const pv_report *r, int64_t v, char *out, size_t len);

/* Callers or callees of one node of the report (see pv_graph_node_edges). */
int pv_report_edges(const pv_report *r, uint32_t node, bool callers, pv_edge_row **out, size_t *n);

/* Prints the report as `go tool pprof -top` does. */
void pv_print_top(FILE *out, const pv_report *r);

#endif

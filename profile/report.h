/* Reports: pprof's settings, filters and the flat/cum graph, computed from a pv_model.
 *
 * pv_options holds exactly the pprof REPL/flag settings. pv_report_build() applies the
 * filters and granularity without touching the model and returns the rows of a `top`
 * report in pprof's order, with its header lines. No curses, no printing here: text.c
 * prints a report, the TUI draws one. */
#ifndef PVIEW_PROFILE_REPORT_H
#define PVIEW_PROFILE_REPORT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "profile/model.h"

typedef enum {
    PV_GRAN_FUNCTIONS = 0,
    PV_GRAN_FILEFUNCTIONS,
    PV_GRAN_FILES,
    PV_GRAN_LINES,
    PV_GRAN_ADDRESSES,
} pv_granularity;

/* Settings, with pprof's names. Strings are owned by the options (pv_options_set/free). */
typedef struct pv_options {
    char *sample_index; /* NULL: default_sample_type, else the last type */
    bool mean;
    double divide_by; /* 1 */
    char *unit;       /* "minimum" */
    int nodecount;    /* -1: pprof's default (no limit for top) */
    double nodefraction, edgefraction; /* 0.005, 0.001 */
    bool cum;         /* sort by cum instead of flat */
    bool trim;        /* true */
    pv_granularity granularity;
    bool noinlines;
    bool relative_percentages;
    bool drop_negative;
    char *focus, *ignore, *hide, *show, *show_from, *prune_from;
    char *tagfocus, *tagignore, *tagshow, *taghide;
} pv_options;

void pv_options_init(pv_options *o);
void pv_options_free(pv_options *o);
/* Deep copy; returns 0, or -1 on allocation failure. */
int pv_options_copy(pv_options *dst, const pv_options *src);

/* Sets a setting by its pprof name ("focus", "nodecount", "granularity", "sample_index",
 * "cum", "noinlines", ...). value NULL or "" clears string settings. Returns 0, or -1 with
 * pprof's wording of the problem in err. */
int pv_options_set(pv_options *o, const char *name, const char *value, char *err, size_t errlen);

/* Writes the value of setting name as text (for `options`); returns -1 for an unknown name. */
int pv_options_get(const pv_options *o, const char *name, char *out, size_t len);

/* The names pv_options_set() takes, NULL-terminated (for completion and help). */
extern const char *const pv_option_names[];

/* Applies pprof's drop_frames/keep_frames to the model, once, after loading (and after
 * symbolization). Returns 0, or -1 with a message if the profile's regexes are bad. */
int pv_model_drop_frames(pv_model *m, char *err, size_t errlen);

typedef struct {
    char *name;               /* pprof's printable name for the granularity */
    int64_t flat, cum;        /* values after -mean (what pprof prints) */
    const char *inline_label; /* "", "(inline)" or "(partial-inline)" */
    uint32_t node;            /* node index, for pv_report_callers/_callees */
} pv_row;

typedef struct pv_report pv_report;

struct pv_report {
    pv_row *rows;
    size_t nrows;
    int64_t total;        /* pprof's total: unfiltered unless relative_percentages */
    char **labels;        /* header lines, as pprof prints them above the table */
    size_t nlabels;
    char *sample_type;    /* shown type ("mean_" prefix with -mean) */
    char *sample_unit;
    char *output_unit;    /* the unit chosen for values */
    double ratio;         /* 1/divide_by */
    size_t nsamples_kept; /* samples left after the filters */
    char **warnings;      /* pprof's "X expression matched no samples" and the like */
    size_t nwarnings;
    struct pv_report_priv *priv;
};

/* Builds the top report. Returns NULL with a one-line message in err on bad settings
 * (bad regex, unknown sample index, ...). Free with pv_report_free(). */
pv_report *pv_report_build(const pv_model *m, const pv_options *o, char *err, size_t errlen);
void pv_report_free(pv_report *r);

/* Formats v as pprof does in this report (scaled to output_unit, divide_by applied). */
void pv_report_format(const pv_report *r, int64_t v, char *out, size_t len);

/* Callers or callees of one node of the report, with edge weights, heaviest first. The
 * arrays are owned by the caller (free each name, then the array). */
typedef struct {
    char *name;
    int64_t weight;
    uint32_t node;
    bool inline_edge;
} pv_edge_row;
int pv_report_edges(const pv_report *r, uint32_t node, bool callers, pv_edge_row **out, size_t *n);

/* Prints the report as `go tool pprof -top` does. */
void pv_print_top(FILE *out, const pv_report *r);

#endif

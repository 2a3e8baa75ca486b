/* The list product: pprof's `list RE` (report/source.go printSource) over a selection.
 *
 * Nodes are pprof's at granularity lines with object names (function name, cleaned and
 * trimmed file, line, start line, object file), inlined frames as their own nodes unless
 * noinlines, each counted once per sample. Every function whose name matches the regex
 * becomes one routine per source file (sorted by name, then file), with pprof's line range
 * (the function's start line, or 5 lines before its first sampled line, to 5 lines after its
 * last), read through profile/source.h. No curses, no printing here: pv_list_print() writes
 * pprof's text, the TUI draws the same routines. */
#ifndef PVIEW_PROFILE_LIST_H
#define PVIEW_PROFILE_LIST_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "profile/model.h"
#include "profile/options.h"
#include "profile/selection.h"
#include "profile/source.h"

typedef struct {
    int64_t lineno;
    int64_t flat, cum; /* raw sums, as pprof's list prints them (no -mean division) */
    const char *text;  /* the source line, or NULL when the source was not read;
                        * valid until pv_list_free() */
} pv_list_line;

/* One line of a function inlined at a call site of a routine (pv_list_inlines()). */
typedef struct {
    int64_t call_line;  /* the routine's line that holds the inlined call */
    const char *callee; /* the inlined function's name */
    const char *file;   /* its file (as the routine's) */
    int64_t lineno;     /* its line */
    int64_t flat, cum;  /* samples at this line of the callee, inlined at this call site */
    const char *text;   /* the callee's source line, or NULL when not read */
} pv_list_inline;

typedef struct {
    const char *name; /* function name (valid until pv_list_free()) */
    const char *file; /* file name as pprof prints it; "" when no node has one */
    int64_t flat, cum;
    int64_t start_line; /* the function's start line from the profile, 0 when unknown */
    /* the lines pprof prints (empty when the source is missing) */
    pv_list_line *lines;
    size_t nlines;
    /* the lines with samples, by line number (for views when the source is missing) */
    pv_list_line *hits;
    size_t nhits;
    const char *error;    /* pprof's " Error: ..." text when the source was not found, else NULL */
    const pv_source_file *source; /* NULL when file is "" */
    /* after pv_list_inlines(): lines of inlined callees, by call line, callee, line */
    pv_list_inline *inlines;
    size_t ninlines;
} pv_list_routine;

typedef struct pv_list {
    pv_list_routine *routines; /* a routine with file "" stands for "No source information" */
    size_t nroutines;
    int64_t total;
    pv_selection *sel; /* owned */
    pv_source_reader *reader; /* owned */
    char *unit;        /* output unit setting ("minimum" formats each value on its own) */
    void *priv;        /* internal */
    char **inl_files;  /* internal: file names of inlined callees */
    size_t ninl_files;
    bool inlines_done;
} pv_list;

/* Builds the listing of the functions matching regex. NULL with a one-line message in err on
 * bad settings or a bad regex ("parsing argument regexp RE: ..."), or when nothing matches
 * ("no matches found for regexp: RE"). goroot: also look for Go standard library files in
 * the local GOROOT (see profile/source.h); false gives exactly pprof's lookups. */
pv_list *pv_list_build(const pv_model *m, const pv_options *o, const char *regex, bool goroot, char *err,
                       size_t errlen);
void pv_list_free(pv_list *l);

/* Beyond pprof: for each routine, the lines of the functions inlined into it, per call site
 * (from the locations' inline frames: a frame whose caller frame is the routine's function in
 * its file), with the samples at each, counted once per sample. Not done with noinlines.
 * Idempotent. 0, or -1 on allocation failure. */
int pv_list_inlines(pv_list *l);

/* Formats v as the listing does (pprof's formatValue); valueOrDot when dot is set. */
void pv_list_format(const pv_list *l, int64_t v, bool dot, char *out, size_t len);

/* Prints the listing as `go tool pprof -list` does. */
void pv_list_print(FILE *out, const pv_list *l);

#endif

/* The traces report (pprof's -traces): every sample left by the filters, in the merged
 * profile's order, with its labels and its stack at the report's granularity.
 *
 * The product is a list of blocks, one per printed sample: the model sample it stands for
 * (the first member of pprof's merged sample), its value and its surviving stack bounds.
 * The frames of a block (location, graph node, inline mark; leaf first) are made on demand
 * by pv_traces_frames(), so a profile of millions of samples costs one block each. Labels
 * come from pv_traces_labels(). No curses and no terminal here: pv_print_traces() writes
 * pprof's text to a stream it is given; the TUI draws the same blocks. */
#ifndef PVIEW_PROFILE_TRACES_H
#define PVIEW_PROFILE_TRACES_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "profile/compact.h"
#include "profile/graph.h"
#include "profile/model.h"
#include "profile/options.h"
#include "profile/selection.h"

typedef struct {
    uint32_t sample;  /* model sample index (the merged sample's first member) */
    int64_t value;    /* the merged sample's value, after -mean; divide_by is applied when formatted */
    uint64_t sb, se;  /* its stack in m->stack[sb .. se), leaf first, hidden locations included */
} pv_trace_block;

typedef struct {
    uint32_t location; /* model location index */
    uint32_t node;     /* node id in t->graph: its pv_node_info names function, file, line */
    bool inl;          /* an inlined frame (not the outermost line of its location) */
} pv_trace_frame;

typedef struct pv_traces {
    char **labels; /* header lines (pprof's ProfileLabels) */
    size_t nlabels;
    pv_trace_block *blocks;
    size_t nblocks;
    char *output_unit;
    pv_selection *sel;     /* owned */
    pv_graph *graph;       /* owned; nodes at the report's granularity */
    pv_compact *compact;   /* owned */
} pv_traces;

/* Builds the report. NULL with a one-line message in err on bad settings or no memory.
 * Free with pv_traces_free(). */
pv_traces *pv_traces_build(const pv_model *m, const pv_options *o, char *err, size_t errlen);
void pv_traces_free(pv_traces *t);

/* The frames of block b, leaf first, into *buf (grown as needed, the caller's to free).
 * Returns the count, or (size_t)-1 on allocation failure. A block's frame list is never
 * empty. */
size_t pv_traces_frames(const pv_traces *t, size_t b, pv_trace_frame **buf, size_t *cap);

/* The label lines of block b as pprof prints them ("%10s:  v1 v2"): string labels sorted,
 * then numeric ones (scaled with their unit) sorted; tagshow/taghide applied. Appended to
 * *lines (free with pv_strv_free). */
void pv_traces_labels(const pv_traces *t, size_t b, char ***lines, size_t *n);

/* Prints the report as `go tool pprof -traces` does. Returns 0, -1 on allocation failure. */
int pv_print_traces(FILE *out, pv_traces *t);

/* Go's fmt "%*s": s right-aligned in width runes (not bytes), written to out. */
void pv_fput_padded(FILE *out, const char *s, int width);

/* Go's utf8.RuneCountInString: each valid sequence and each invalid byte count one. */
size_t pv_rune_count(const char *s, size_t len);

#endif

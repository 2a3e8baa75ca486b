/* The flame product: a prefix tree of frames over a selection, for the flame view, the
 * sandwich, `-folded` and `-flame`.
 *
 * A frame is a node of the graph (profile/graph.h) at its granularity: with functions, a
 * function; with lines, a function and a line. Each location gives one frame per surviving
 * line (innermost last when walking from the root), so inlined calls are frames of their own,
 * flagged inl. Hidden locations give none. The tree is built in one pass over the selected
 * samples, walking each stack from the root end; node 0 is the root (no frame), whose total
 * is the sum of the selected samples.
 *
 * Values are sums before -mean's division; pv_flame_self()/pv_flame_total() divide as
 * pprof does. No curses, no printing to a terminal: pv_flame_print_* write to a FILE the
 * caller gives. */
#ifndef PVIEW_PROFILE_FLAME_H
#define PVIEW_PROFILE_FLAME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "profile/filter.h"
#include "profile/graph.h"
#include "profile/selection.h"

typedef struct {
    uint32_t gnode;  /* the frame: a node of the graph (PV_NONE for the root) */
    uint32_t parent; /* PV_NONE for the root */
    uint32_t child_off, nchild; /* children are f->children[child_off .. +nchild) */
    uint32_t depth;  /* 0 for the root */
    bool inl;        /* every use of this frame here is an inlined call */
    int64_t self, selfdiv;   /* value of samples whose stack ends here (and -mean divisor) */
    int64_t selfmean;        /* -mean: the sum of those samples' values each divided by its own
                              * divisor, as -traces prints them (0 without -mean) */
    int64_t total, totaldiv; /* value of samples through here */
    /* -diff_base: the base profile's part (the samples labelled pprof::base=true, whose
     * values are negated), as a positive amount: the new profile's value is total + base */
    int64_t base_self, base_total;
} pv_flame_node;

typedef enum {
    PV_FLAME_TREE = 0,    /* the whole selection, root to leaf */
    PV_FLAME_CALLERS,     /* sandwich, upper half: callers of a frame, the frame at the root */
    PV_FLAME_CALLEES,     /* sandwich, lower half: callees of a frame, the frame at the root */
} pv_flame_kind;

typedef struct {
    pv_flame_kind kind;
    uint32_t focus;          /* CALLERS/CALLEES: the graph node whose instances are merged */
    bool collapse_recursion; /* f -> f -> f (direct recursion) becomes one f */
    bool sort;               /* children heaviest first (then by name); else in first-seen order */
} pv_flame_opts;

typedef struct pv_flame {
    const pv_selection *s; /* not owned */
    pv_graph *g;           /* not owned; frames name its nodes */
    pv_flame_opts o;
    pv_flame_node *nodes;
    size_t nnodes;
    uint32_t *children; /* per node, a run of child ids (see child_off) */
    uint32_t *hottest;  /* per node: pv_flame_heaviest_leaf() */
    uint32_t *parents, *gnodes; /* per node: nodes[n].parent and .gnode, packed for scans */
    uint32_t max_depth;
} pv_flame;

/* Builds the tree over the selection s with frames from the graph g (built over s, at the
 * granularity wanted; only its per-location nodes are used). s and g must outlive the
 * flame. NULL with a message on allocation failure. Free with pv_flame_free(). */
pv_flame *pv_flame_build(const pv_selection *s, pv_graph *g, const pv_flame_opts *o, char *err, size_t errlen);
void pv_flame_free(pv_flame *f);

/* Values as pprof prints them (after -mean's division). */
int64_t pv_flame_self(const pv_flame *f, uint32_t n);
int64_t pv_flame_total(const pv_flame *f, uint32_t n);

/* With a -diff_base profile: the base's value through n (before), and the new profile's
 * (after: total + base); the change is pv_flame_total(). Without a base: 0 and the total. */
int64_t pv_flame_before(const pv_flame *f, uint32_t n);
int64_t pv_flame_after(const pv_flame *f, uint32_t n);

/* The frame's printable name at the graph's granularity ("" for the root). Valid until the
 * graph is freed. */
const char *pv_flame_name(const pv_flame *f, uint32_t n);

/* The frame with the largest self value in the subtree of n (the first in drawing order on
 * a tie; n itself when nothing under it has more): where the time under n is spent. */
uint32_t pv_flame_heaviest_leaf(const pv_flame *f, uint32_t n);

/* Search share: the value of the selected samples whose stack (every line of every location,
 * as pprof's -focus reads it) has a function name, file name or mapping file matching rx,
 * each sample counted once, after -mean's division. This is the total that
 * `pprof -top -focus=RE -nodefraction=0` accounts for. Per tree node, match[n] is set to 1
 * when its frame's function, file or mapping matches (match: nnodes bytes, or NULL).
 * Returns 0, or -1 on allocation failure. */
int pv_flame_search(const pv_flame *f, const pv_regex *rx, uint8_t *match, int64_t *matched);

/* Collapsed stacks ("folded"): one line per distinct stack with a non-zero value, frames
 * root first joined by ';', a space, the value (the sample type's unit, -mean divided).
 * With -mean each sample's value is divided by its own divisor before the sum, as pprof's
 * -traces divides it. Lines come in tree order (heaviest first when sorted). Samples left with no frame at all
 * (every location hidden) have no line, as pprof -traces prints none for them. Returns 0,
 * or -1 on allocation failure or a write error. */
int pv_flame_print_folded(FILE *out, const pv_flame *f);

/* Shortens a frame's name to fit width columns (a UTF-8 sequence counted as one):
 * the whole name, else without its package path ("pkg/a.(*Type).Method" -> "Type.Method"),
 * else its last component ("Method"), else that cut to width (the caller marks the cut).
 * Writes into out (len bytes); returns the step used (1-4). */
int pv_flame_short_name(const char *name, int width, char *out, size_t len);

/* A text flame graph, width columns wide, root at the bottom: one line per depth, each frame
 * a box "[name]" as wide as its share of the root's total (edges rounded to the nearest
 * column), "|" for a one-column frame, narrower frames left out; names shortened to fit,
 * "~" marking a cut, non-ASCII characters written '?'. title (if not NULL) is printed first.
 * Returns 0, or -1 on allocation failure or a write error. */
int pv_flame_print_text(FILE *out, const pv_flame *f, int width, const char *title);

#endif

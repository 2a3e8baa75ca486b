/* The in-memory profile model: flat arrays with dense indices and interned strings.
 *
 * One pv_model holds one or more merged profile files. Ids from the file (arbitrary
 * uint64) are mapped to dense indices at load; every cross reference below is such an
 * index. Strings are interned once: a uint32 string id names a NUL-terminated string
 * returned by pv_str(); id 0 is always "".
 *
 * Ownership: everything hangs off the model and is freed by pv_model_free().
 * Arrays are read-only for the views; only profile/ and symbolize/ write them.
 * No curses, no printing, no exit() in this module. */
#ifndef PVIEW_PROFILE_MODEL_H
#define PVIEW_PROFILE_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PV_NONE UINT32_MAX /* "no index" for optional references (mapping of a location) */

typedef uint32_t pv_strid;

typedef struct {
    pv_strid type, unit;
} pv_value_type;

typedef struct {
    uint64_t id; /* id as written in the file (the first source's, after merging) */
    uint64_t start, limit, offset;
    pv_strid file, build_id;
    bool has_functions, has_filenames, has_line_numbers, has_inline_frames;
} pv_mapping;

typedef struct {
    uint64_t id;
    pv_strid name, system_name, filename;
    int64_t start_line;
} pv_function;

typedef struct {
    uint32_t function; /* dense index into functions */
    int64_t line;
} pv_line;

typedef struct {
    uint64_t id;
    uint32_t mapping; /* dense index into mappings, or PV_NONE */
    uint64_t address;
    uint32_t line_start, line_count; /* range in lines[]; lines[line_start] is the innermost (callee) frame */
    bool is_folded;
} pv_location;

typedef struct {
    pv_strid key;
    pv_strid str;      /* 0 for numeric labels */
    int64_t num;
    pv_strid num_unit; /* 0 when absent */
} pv_label;

typedef struct pv_strtab pv_strtab; /* interning table, private to model.c */

typedef struct pv_model {
    /* header */
    size_t ntypes;
    pv_value_type *sample_types;
    pv_strid default_sample_type; /* 0 when absent */
    pv_value_type period_type;
    int64_t period;
    int64_t time_nanos, duration_nanos;
    pv_strid drop_frames, keep_frames;
    /* -diff_base: the string ids of the label pprof::base=true that marks base samples
     * (0 when the profile has no base) */
    pv_strid base_key, base_true;
    size_t ncomments;
    pv_strid *comments;

    /* tables */
    size_t nmappings, nfunctions, nlocations, nlines;
    pv_mapping *mappings;
    pv_function *functions;
    pv_location *locations;
    pv_line *lines;

    /* samples, struct of arrays:
     *   values[s * ntypes + t]              value of type t in sample s
     *   stack[stack_off[s] .. stack_off[s+1]) location indices, leaf first
     *   labels[label_off[s] .. label_off[s+1]) */
    size_t nsamples;
    int64_t *values;
    uint64_t *stack_off;
    uint32_t *stack;
    uint64_t *label_off;
    pv_label *labels;
    /* the stacks as loaded, before drop_frames trimmed them (same layout as stack_off/stack),
     * for pprof's merge order (profile/compact.h); NULL when drop_frames trimmed nothing */
    uint64_t *loaded_stack_off;
    uint32_t *loaded_stack;

    /* file names the model was loaded from, in order (for messages) */
    size_t nsources;
    char **sources;
    bool not_proto; /* some source was read as a legacy or folded-stack profile, not profile.proto */
    bool has_base;  /* loaded with base profiles (-base, -diff_base) */
    uint32_t base_mappings; /* with has_base: the mappings from this index on are the bases' */

    pv_strtab *strtab;

    /* a derived model (pv_model_derive) borrows from base every array it does not own: the
     * header, sample types, comments, mappings, values, labels and sources; NULL for a
     * loaded model */
    const struct pv_model *base;
} pv_model;

/* The string for id (never NULL; "" for id 0). Valid until pv_model_free(). */
const char *pv_str(const pv_model *m, pv_strid id);

/* Interns s (len bytes, need not be NUL-terminated) and returns its id; PV_NONE on
 * allocation failure. Used by the loader and the symbolizer. */
pv_strid pv_intern(pv_model *m, const char *s, size_t len);

/* Number of interned strings. */
size_t pv_nstrings(const pv_model *m);

/* pprof's [binary] argument: the main mapping (mapping 0) now names path; a profile with no
 * mappings gets one that every location belongs to. Returns 0, or -1 on allocation failure. */
int pv_model_set_main_binary(pv_model *m, const char *path);

/* pprof's fake mapping: a profile without mappings gets one (id 1, start, limit and offset 0,
 * no file) that every location belongs to. Does nothing when m has mappings. Returns 0, or
 * -1 on allocation failure. */
int pv_model_fake_mapping(pv_model *m);

/* A derived model of base for a setting that rewrites stacks (profile/tagroot.h): a shallow
 * copy whose strings (same ids, more may be interned), functions, locations and lines are
 * its own copies, with no stacks yet (stack, stack_off, loaded_stack and loaded_stack_off
 * NULL: the caller fills them). Everything else is borrowed: base must outlive it and stays
 * unchanged. NULL on allocation failure. Free with pv_model_free(). */
pv_model *pv_model_derive(const pv_model *base);

/* Frees a loaded model, or what a derived model owns. */
void pv_model_free(pv_model *m);

#endif

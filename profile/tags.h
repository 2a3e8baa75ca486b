/* The tags report (pprof's -tags): per label key of the selected samples, its values with
 * the summed sample value and share, after the filters and tagshow/taghide.
 *
 * The product is a list of keys, each with its values; a value of a numeric label is its
 * text as pprof formats it (so "1kB" and "1024B" are one value, as in pprof). Keys are in
 * pprof's order (by name), values heaviest first then by name. No curses and no terminal
 * here: pv_print_tags() writes pprof's text to a stream it is given. */
#ifndef PVIEW_PROFILE_TAGS_H
#define PVIEW_PROFILE_TAGS_H

#include <stdint.h>
#include <stdio.h>

#include "profile/model.h"
#include "profile/options.h"
#include "profile/selection.h"

typedef struct {
    char *name;    /* the value, or a numeric label's scaled text */
    int64_t count; /* the summed sample value (before -mean and divide_by, as pprof) */
} pv_tag_value;

typedef struct {
    pv_strid key; /* model string id of the label key */
    int64_t total; /* sum of the values' counts (wraps as Go's int64) */
    pv_tag_value *values;
    size_t nvalues;
} pv_tag_key;

typedef struct pv_tags {
    pv_tag_key *keys;
    size_t nkeys;
    pv_selection *sel; /* owned */
} pv_tags;

/* Builds the report. NULL with a one-line message in err on bad settings or no memory. */
pv_tags *pv_tags_build(const pv_model *m, const pv_options *o, char *err, size_t errlen);
void pv_tags_free(pv_tags *t);

/* Prints the report as `go tool pprof -tags` does. 0, or -1 on allocation failure. */
int pv_print_tags(FILE *out, const pv_tags *t);

#endif

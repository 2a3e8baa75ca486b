/* The raw report (pprof's -raw): the text dump of the profile pprof holds after merging and
 * the filters (its profile.String()): header, samples with all their values, location ids
 * and labels, then every location of the merged profile with its surviving lines, then the
 * mappings. Ids are the merged profile's (profile/compact.h).
 *
 * The product is the selection, the merge map and the list of printed samples; no curses
 * and no terminal here: pv_print_raw() writes pprof's text to a stream it is given. */
#ifndef PVIEW_PROFILE_RAW_H
#define PVIEW_PROFILE_RAW_H

#include <stdint.h>
#include <stdio.h>

#include "profile/compact.h"
#include "profile/model.h"
#include "profile/options.h"
#include "profile/selection.h"

typedef struct pv_raw {
    /* the printed samples: indices into sel->sel (each the first member of its merged sample) */
    size_t *samples;
    size_t nsamples;
    pv_selection *sel;   /* owned */
    pv_compact *compact; /* owned */
} pv_raw;

/* Builds the report (pprof's overrides for -raw: addresses, inline frames kept). NULL with a
 * one-line message in err on bad settings or no memory. */
pv_raw *pv_raw_build(const pv_model *m, const pv_options *o, char *err, size_t errlen);
void pv_raw_free(pv_raw *r);

/* Prints the report as `go tool pprof -raw` does. */
void pv_print_raw(FILE *out, const pv_raw *r);

/* The selected samples that pprof's merged, filtered profile holds, in its order: indices
 * into s->sel of the first member of each kept merged sample whose stack keeps a frame.
 * Caller frees *out. 0, or -1 on allocation failure. (Shared by -raw and -proto.) */
int pv_raw_samples(const pv_selection *s, const pv_compact *c, size_t **out, size_t *n);

/* pprof's Go time.Time.String() of Unix nanoseconds in the local zone
 * ("2006-01-02 15:04:05.999999999 -0700 MST") into out. */
void pv_go_time_string(int64_t nanos, char *out, size_t len);

/* Go's time.Duration.String() into out. */
void pv_go_duration_string(int64_t d, char *out, size_t len);

/* pprof drops a mapping's file that is an absolute URL when it has no build id. */
const char *pv_mapping_file(const pv_model *m, const pv_mapping *mp);

#endif

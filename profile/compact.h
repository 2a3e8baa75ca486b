/* pprof's Merge over the model: the profile `go tool pprof` holds after loading.
 *
 * pprof merges every input (even a single file) into a new profile: mappings, functions
 * and locations are deduplicated by key (mapping: rounded size, offset, build id or file;
 * function: name, system name, file, start line; location: mapping-relative address,
 * mapping, lines, folded) and numbered 1.. in the order a walk over the samples first
 * meets them (the main mapping first); samples with equal locations and labels are one
 * sample with summed values; samples whose values sum to zero are gone. The loader merges
 * only part of this (equal stacks of one file), which is enough for the graph reports but
 * not for the reports that print samples or ids (-traces, -raw, -proto): they go through
 * this map. The model stays read-only.
 *
 * Ownership: everything is owned by the pv_compact and freed by pv_compact_free(); the
 * model must outlive it. No printing here. */
#ifndef PVIEW_PROFILE_COMPACT_H
#define PVIEW_PROFILE_COMPACT_H

#include <stddef.h>
#include <stdint.h>

#include "profile/model.h"

typedef struct pv_compact {
    const pv_model *m; /* not owned */

    /* samples: model sample s belongs to class cls[s]; class c stands at its first member
     * rep[c] (a model sample index, classes in model order) with values vals[c * ntypes + t];
     * keep[c] is 0 for a class whose values are all zero (pprof drops it) */
    uint32_t *cls;
    uint32_t *rep;
    int64_t *vals;
    uint8_t *keep;
    size_t nclasses;

    /* per model location / mapping / function: its merged id (1..), 0 when the merged
     * profile does not hold it (no kept sample reaches it) */
    uint64_t *loc_id, *map_id, *fn_id;
    /* the merged entities in id order, each named by the model index of its first member;
     * locs_addr[i] is merged location i's address (rebased on its merged mapping) */
    uint32_t *locs, *maps, *fns;
    uint64_t *locs_addr;
    size_t nlocs, nmaps, nfns;
} pv_compact;

/* Builds the map. NULL on allocation failure (err says so). */
pv_compact *pv_compact_build(const pv_model *m, char *err, size_t errlen);
void pv_compact_free(pv_compact *c);

/* The merged id of model location li's merged mapping, 0 for none. */
uint64_t pv_compact_loc_mapping_id(const pv_compact *c, uint32_t li);

#endif

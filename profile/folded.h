/* Folded stacks, as flamegraph.pl's stackcollapse-*.pl, inferno and `perf script |
 * stackcollapse-perf.pl` write them: one line per stack, frames root first and separated
 * by ';', then blanks and an integer count:
 *
 *     main;handle;json.Marshal 120
 *
 * Read as a profile with one sample type ("samples" and the given unit, "count" by default):
 * one function and one location (address 0, no mapping) per distinct frame name, one sample
 * per distinct stack with the counts of its lines summed. */
#ifndef PVIEW_PROFILE_FOLDED_H
#define PVIEW_PROFILE_FOLDED_H

#include <stddef.h>
#include <stdint.h>

#include "profile/model.h"

/* Fills m from data[0..len) (already gunzipped); when m holds folded stacks already (read
 * by this parser, in the same unit), the new stacks are merged into them.
 * Detection is by content: the first non-blank line must be "STACK COUNT" (STACK not empty,
 * no control bytes but tab, COUNT decimal digits). unit is the sample unit (NULL or "" means
 * "count"). Returns 1 when the data was folded stacks and m is filled, 0 when it is not
 * (m untouched), -1 when m holds another kind of profile, a later line is malformed, a count
 * overflows or memory ran out: then err holds one line (no file name, no trailing newline)
 * and m, which may have gained interned strings, is for the caller to free. */
int pv_folded_parse(pv_model *m, const uint8_t *data, size_t len, const char *unit, char *err, size_t errlen);

#endif

/* pprof's tagroot and tagleaf settings (addLabelNodes): pseudo stack frames made of a
 * sample's label values, added at the root or the leaf of every stack before any filter.
 *
 * For each key of "k1,k2" (empty names dropped), every sample gets one frame: a location
 * with no mapping and no address whose one line is a function named by the sample's values
 * of that key joined with "," (string values first, then numbers formatted as pprof's
 * ScaledLabel with the label's own unit and -unit; "" when the sample has none) and whose
 * file name is the key. The first tagroot key is the new root, the last tagleaf key the new
 * leaf. Frames with the same name and key are one location. */
#ifndef PVIEW_PROFILE_TAGROOT_H
#define PVIEW_PROFILE_TAGROOT_H

#include <stddef.h>

#include "profile/model.h"

/* Builds the derived model (pv_model_derive) whose stacks carry the pseudo frames; its new
 * functions and locations follow m's (ids after m's largest). *out is NULL when neither
 * tagroot nor tagleaf names a key. pprof's "TagRoot expression matched no samples" and
 * "TagLeaf ..." warnings are appended to *warnings (pv_strv_add). Returns 0, or -1 on
 * allocation failure. The caller frees *out with pv_model_free(); m must outlive it. */
int pv_tagroot_apply(const pv_model *m, const char *tagroot, const char *tagleaf, const char *unit, pv_model **out,
                     char ***warnings, size_t *nwarnings);

#endif

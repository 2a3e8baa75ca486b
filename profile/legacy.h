/* Legacy (pre-profile.proto) profile formats, read as pprof's parseLegacy does, in its order:
 *   - the gperftools binary CPU profile (32/64-bit words, either byte order), with its
 *     /proc/self/maps text trailer, and the Java binary CPU profile (legacy_java.c);
 *   - the heap text profiles ("heap profile: ... @ heapz_v2/N", "@ heap/N", "@ growthz");
 *   - Go count profiles ("goroutine profile: total N") and gperftools thread profiles
 *     ("--- threadz 1 ---") (legacy_thread.c);
 *   - gperftools contention profiles ("--- contentionz 1 ---", "--- mutex:") (legacy_contention.c);
 *   - Java heap and contention text profiles (legacy_java.c).
 * After parsing, pprof's post-processing is mirrored: drop_frames/keep_frames by profile
 * kind (addLegacyFrameInfo), merging of adjacent mappings and the main binary moved to
 * mapping 0 (massageMappings), locations tied to mappings and ids renumbered. */
#ifndef PVIEW_PROFILE_LEGACY_H
#define PVIEW_PROFILE_LEGACY_H

#include <stddef.h>
#include <stdint.h>

#include "profile/model.h"

/* Fills m, which must hold no profile yet, from data[0..len) (already gunzipped).
 * Returns 1 when the data was a legacy profile and m is filled, 0 when the data is not a
 * legacy profile this parser knows (m untouched), -1 when it is one but malformed or memory
 * ran out: then err holds one line naming the format (no file name, no trailing newline). */
int pv_legacy_parse(pv_model *m, const uint8_t *data, size_t len, char *err, size_t errlen);

#endif

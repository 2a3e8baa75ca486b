/* Writing a model back as profile.proto, as pprof writes a merged profile (its saved copy of
 * fetched profiles). */
#ifndef PVIEW_PROFILE_WRITE_H
#define PVIEW_PROFILE_WRITE_H

#include <stddef.h>

#include "profile/model.h"

/* Serializes m (uncompressed protobuf) into a new buffer *out of *len bytes (caller frees).
 * Ids are renumbered 1..n in the model's order; strings keep their ids. Returns 0, or -1 when
 * memory ran out (err says so). */
int pv_model_write(const pv_model *m, unsigned char **out, size_t *len, char *err, size_t errlen);

#endif

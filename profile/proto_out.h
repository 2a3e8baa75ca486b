/* pprof's -proto: the merged, filtered profile (the one -raw prints) written as gzipped
 * profile.proto, values scaled by divide_by as pprof's printProto does.
 *
 * The encoder is a small hand-written protobuf writer rather than protobuf-c's packer: the
 * profile is streamed sample by sample through zlib, without building a message tree of
 * millions of samples, and fields are written in the order and form Go's pprof writes them
 * (packed repeated fields from three items on, zero scalars left out). */
#ifndef PVIEW_PROFILE_PROTO_OUT_H
#define PVIEW_PROFILE_PROTO_OUT_H

#include <stdio.h>

#include "profile/raw.h"

/* Writes r's profile to out, gzip-compressed. Returns 0, or -1 with a one-line message in
 * err (allocation failure, zlib or write error). */
int pv_write_proto(FILE *out, const pv_raw *r, char *err, size_t errlen);

#endif

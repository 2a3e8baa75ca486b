/* Reading profiles into a pv_model, merging several as pprof does: profile.proto (gzipped or
 * raw); as a first or only source also legacy gperftools profiles (legacy.h) and folded
 * stacks (folded.h), told apart by content. */
#ifndef PVIEW_PROFILE_LOAD_H
#define PVIEW_PROFILE_LOAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "profile/model.h"

#define PV_DEFAULT_MAX_DECOMPRESSED (4ull << 30) /* 4 GiB */

typedef struct {
    uint64_t max_decompressed; /* refuse gzip data that inflates beyond this; 0 = default */
    const char *folded_unit;   /* sample unit of folded stacks; NULL = "count" */
} pv_load_opts;

/* Loads and merges the files at paths[0..n); the path "-" reads standard input (named
 * "stdin" in messages). Validates each as pprof does and drops samples
 * whose values are all zero. Applies nothing else (drop_frames is the caller's choice:
 * pv_model_drop_frames()).
 * On failure returns NULL and writes one line "FILE: problem" (no trailing newline) to err. */
pv_model *pv_load(const char *const *paths, size_t n, const pv_load_opts *o, char *err, size_t errlen);

/* pprof's -base / -diff_base: the base profiles (merged among themselves), with -normalize
 * the sources scaled so that each sample type's total equals the base's, then the base's
 * values negated and merged with the sources. With diff_base every base sample carries the
 * label pprof::base=true, and reports take their total from the base samples. */
typedef struct {
    const char *const *base; /* names (files, unless data gives their bytes) */
    size_t nbase;
    bool diff_base;
    bool normalize;
    const unsigned char *const *data; /* NULL, or base[i]'s bytes in data[i], lens[i] */
    const size_t *lens;
} pv_base_opts;

/* pv_load_buffers() with base profiles (base may be NULL). */
pv_model *pv_load_buffers_with_base(const char *const *names, const unsigned char *const *data, const size_t *lens,
                                    size_t n, const pv_base_opts *base, const pv_load_opts *o, char *err,
                                    size_t errlen);

/* pv_load() with base profiles (base may be NULL). */
pv_model *pv_load_with_base(const char *const *paths, size_t n, const pv_base_opts *base, const pv_load_opts *o,
                            char *err, size_t errlen);

/* The base step above on a loaded model whose samples from index boundary on come from
 * the base profiles. 0, or -1 on allocation failure. */
int pv_model_apply_base(pv_model *m, size_t boundary, bool diff_base, bool normalize);

/* Same, from memory (name is used in messages). For fuzzers and tests. */
pv_model *pv_load_buffer(const char *name, const unsigned char *data, size_t len,
                         const pv_load_opts *o, char *err, size_t errlen);

/* Same, n sources merged: data[i][0..lens[i]) (names[i] names it in messages), or the file
 * names[i] when data[i] is NULL. For profiles fetched into memory; the buffers stay the
 * caller's. */
pv_model *pv_load_buffers(const char *const *names, const unsigned char *const *data, const size_t *lens, size_t n,
                          const pv_load_opts *o, char *err, size_t errlen);

/* A profile decoded while it arrives (a download), on a thread of its own: pv_stream_feed()
 * gives it the next n bytes of the inflated profile (copied: p need not stay), in order, as
 * they come; pv_stream_end() waits until it has read them all. Then (or at once)
 * pv_load_buffers_streamed() loads the same bytes, whole, with that stream's work: only the
 * tables are left to read, and the samples' references to map. When the stream met anything
 * unusual (not a profile.proto, a malformed sample, memory), the load decodes the whole data
 * as pv_load_buffers() does, with the same result and the same errors. */
typedef struct pv_stream pv_stream;
pv_stream *pv_stream_new(void);
/* The sizes of a profile decoded as it arrived: its inflated bytes, and its samples, their
 * location ids and labels after merging. A live view fetches the same source again and
 * again: the last profile's sizes, given to the next stream and its gzip reader, let their
 * arrays be made once at about the right size instead of growing by doubling (each doubling
 * a copy into memory the process has not touched yet: page faults). All 0: no hint. */
typedef struct {
    size_t plain, samples, ids, labels;
    bool unmerged; /* its samples were not merged: no merge table to make room for */
} pv_stream_sizes;
/* A stream whose arrays start at the sizes of h (NULL: as pv_stream_new()). */
pv_stream *pv_stream_new_sized(const pv_stream_sizes *h);
/* The sizes of an ended stream's profile (all 0 when it gave up). */
void pv_stream_get_sizes(const pv_stream *st, pv_stream_sizes *out);
void pv_stream_feed(pv_stream *st, const uint8_t *p, size_t n);
void pv_stream_end(pv_stream *st);
void pv_stream_free(pv_stream *st);
/* Whether a load can take its samples from st (it ends st): false when the stream gave up,
 * and a load decodes the whole data (for tests). */
bool pv_stream_usable(pv_stream *st);
/* Whether a load took its samples from st (for tests and benchmarks). */
bool pv_stream_used(const pv_stream *st);

/* pv_load_buffers_with_base() where streams[i] (or NULL) went through data[i] (inflated);
 * streams itself may be NULL. The load ends the streams (waits for their threads) and takes
 * their samples. */
pv_model *pv_load_buffers_streamed(const char *const *names, const unsigned char *const *data, const size_t *lens,
                                   pv_stream *const *streams, size_t n, const pv_base_opts *base,
                                   const pv_load_opts *o, char *err, size_t errlen);

/* gzip inflated as it arrives (a download), as the loader inflates it: concatenated members
 * read, bytes after the last one that start no member ignored (Go's reader refuses them), the output capped at cap bytes (size_hint: the
 * expected size, for the first allocation, or 0). pv_gunzip_feed() takes the next n bytes
 * (0, or -1 once the data is bad or too big: nothing more is taken); pv_gunzip_end() gives
 * the whole output (0: *out is the caller's) or the loader's line for the problem without the
 * name (-1: "decompressing profile: truncated gzip data..."). */
typedef struct pv_gunzip pv_gunzip;
pv_gunzip *pv_gunzip_new(uint64_t cap, size_t size_hint);
int pv_gunzip_feed(pv_gunzip *g, const uint8_t *p, size_t n);
int pv_gunzip_end(pv_gunzip *g, uint8_t **out, size_t *outlen, char *err, size_t errlen);
/* The output so far (valid until the next feed), for a reader that follows it (pv_stream). */
const uint8_t *pv_gunzip_output(const pv_gunzip *g, size_t *len);
void pv_gunzip_free(pv_gunzip *g);

#endif

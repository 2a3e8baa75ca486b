/* The loader's internals, shared by load.c (the Profile message, the tables, merging),
 * load_samples.c (samples, decoded by hand on one or two threads), load_io.c (files and
 * gzip) and load_wire.c (errors, allocator, wire format). Private to profile/. */
#ifndef PVIEW_PROFILE_LOAD_INT_H
#define PVIEW_PROFILE_LOAD_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "profile.pb-c.h"
#include "profile/load.h"
#include "profile/model.h"
#include "profile/util.h"

typedef struct {
    char *buf;
    size_t len;
    const char *name;
} errbuf;

/* Writes "NAME: message" to e. */
void pv_ld_fail(errbuf *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* a bump allocator for protobuf-c (load_wire.c) */
typedef struct {
    char *buf;
    size_t used, cap;
    void **big; /* blocks too large for buf, freed at reset */
    size_t nbig, capbig;
} bump;

/* Sets up b (a first block of 64 KiB) and a, the protobuf-c allocator that takes from it. */
int pv_ld_bump_init(bump *b, ProtobufCAllocator *a);
/* Releases everything allocated since the last reset; b stays usable. */
void pv_ld_bump_reset(bump *b);
void pv_ld_bump_free(bump *b);

typedef struct {
    const uint8_t *p, *end;
} reader;

typedef struct {
    uint32_t field, wire;
    uint64_t varint;          /* wire 0 */
    const uint8_t *data;      /* wire 2 */
    size_t len;
} wfield;

/* A varint at r->p: 0 (r->p past it), or -1 when the data ends first or it runs past 10 bytes.
 * Inline: the stream reader frames every top-level field with it while a download runs. */
static inline int pv_ld_read_varint(reader *r, uint64_t *out)
{
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
        if (r->p >= r->end)
            return -1;
        uint8_t b = *r->p++;
        v |= (uint64_t)(b & 0x7f) << shift;
        if (!(b & 0x80)) {
            *out = v;
            return 0;
        }
    }
    return -1;
}
/* 1 = a field was read, 0 = end of input, -1 = malformed (message in *why). */
int pv_ld_next_field(reader *r, wfield *f, const char **why);

/* one file being loaded */
typedef struct {
    pv_model *m;
    errbuf *e;
    /* per-file string table: index -> global id */
    pv_strid *strmap;
    size_t nstr;
    pv_idmap maps, funcs, locs;
    bump bump;
    ProtobufCAllocator alloc;
    /* capacities of the model arrays */
    size_t cap_map, cap_fn, cap_loc, cap_line;
    const char *folded_unit; /* pv_load_opts.folded_unit */
} loader;

/* Maps a string index of this file; on error sets *bad and reports to e. */
pv_strid pv_ld_map_str(const loader *L, errbuf *e, int64_t idx, int *bad);

/* A share of a file's samples, decoded by one thread into arrays of its own: the stack
 * (sized to one id per byte of its sample data, an upper bound), values, offsets, labels,
 * and a table that merges equal samples. The loader's string map and location ids are
 * only read. */
#define PV_LD_BATCH 32
/* samples a sink merges before it decides whether merging is worth it (see sink.unmerged) */
#define PV_LD_PROBE (1 << 14)

typedef struct {
    const loader *L;
    size_t ntypes;
    const uint8_t *begin, *end; /* top-level fields to walk (only Sample fields are taken) */
    size_t count;               /* Sample fields in [begin, end) */
    uint32_t *stack;
    uint64_t *stack_off, *label_off; /* [n + 1], from 0 */
    int64_t *values;
    pv_label *labels;
    size_t cap_label;
    size_t n;
    size_t cap_stack, cap_n; /* room in stack; samples values, stack_off and label_off hold */
    /* a streamed profile's sink (pv_ld_sink_init_stream): location ids and label string
     * indices are kept as they are in the file (stack entries and label fields), for
     * pv_ld_sink_remap() once the tables have come; the arrays grow as samples come */
    bool raw;
    uint32_t maxid; /* raw: the largest id kept in the stacks (as id - 1) */
    /* the references of dropped (all-zero) samples: location ids; label keys, strings and
     * units */
    uint32_t *zlocs, *zstrs;
    size_t nzlocs, cap_zlocs, nzstrs, cap_zstrs;
    /* Merging gives up when fewer than a quarter of the first PV_LD_PROBE samples equalled
     * an earlier one: no hash and no table from then on. The merge is pprof's, but only the
     * reports that print samples need it, and they make it (pv_compact); the others sum equal
     * samples either way. Merging a sample is a lookup in a table of every sample (a quarter
     * of the decoding time, in cache misses, for the 700,000 samples of a profile of
     * bench/README.md); it saves the memory of the samples it merges, in every model a live
     * view holds, and each later pass over them. Go's CPU profiles have no equal samples,
     * its heap profiles here up to 12%; the other profiles here up to 11%, or 96% (.NET's,
     * Node's CPU). */
    bool unmerged, probed;
    size_t nmerged;   /* samples merged into an earlier one */
    uint64_t *sslots; /* hash tag << 32 | (sample index + 1); 0 = empty */
    size_t nsslots;
    /* samples are merged (or entered in sslots) a batch at a time, the memory each lookup
     * needs prefetched for the whole batch first: the lookups were half the decoding time
     * in cache misses. The batch is the last nb samples; bh their hashes. */
    uint64_t bh[PV_LD_BATCH];
    size_t nb;
    int64_t *vals;
    char err[512];
    errbuf e;
    int rc;
} sink;

/* A sink for count Sample fields among the top-level fields [begin, end), bytes of them. */
int pv_ld_sink_init(sink *k, const loader *L, size_t ntypes, const uint8_t *begin, const uint8_t *end, size_t count,
                    size_t bytes);
/* A sink for the samples of a profile still arriving (no loader yet), in raw ids. Its arrays
 * start with room for ids ids, samples samples and labels labels, its merge table for
 * sslots samples; they grow past that as needed. */
int pv_ld_sink_init_stream(sink *k, size_t ntypes, size_t ids, size_t samples, size_t labels, size_t sslots);
/* Decodes one Sample field's payload into a streamed sink. 0 or -1. */
int pv_ld_sink_add_raw(sink *k, const uint8_t *p, size_t len);
/* Ends a streamed sink: merges its last sample. */
void pv_ld_sink_finish(sink *k);
/* Appends the samples of from (a streamed sink, finished) to into (another, finished, that
 * takes no more samples: its merge table holds none of from's), as they are: equal samples
 * of the two stay apart, as those of the whole decode's two sinks do (pv_ld_sink_append). */
int pv_ld_sink_concat(sink *into, sink *from);
/* Merges no more samples into k (whose batch is empty): see sink.unmerged. */
void pv_ld_sink_unmerge(sink *k);
/* Maps a streamed sink's raw ids through L's tables. 0, or -1 when an id or index is unknown
 * or the file's string table repeats a string its labels use (the samples would merge
 * differently): then the file must be decoded whole. */
int pv_ld_sink_remap(sink *k, const loader *L);
void pv_ld_sink_free(sink *k);
/* Decodes the sink's samples (a thread's body; k->rc says how it went). */
void *pv_ld_sink_run(void *arg);
/* Appends a sink's samples to the model (the first sink of an empty model gives its arrays). */
int pv_ld_sink_append(pv_model *m, sink *k);

/* An ended stream's parts (load_stream.c): the top-level fields other than Sample, the
 * number of Sample fields and their bytes, and the sink of their samples (NULL when none
 * came); NULL when the stream cannot be used (the data must be decoded whole). */
const uint8_t *pv_ld_stream_parts(pv_stream *st, size_t *nskel, size_t *nsamples, size_t *sample_bytes, sink **k);
/* After a failed load: the stream is not to be used (the whole data is decoded instead). */
void pv_stream_unuse(pv_stream *st);

/* The whole file at path (caller frees). 0, or -1 with the problem in e. */
int pv_ld_read_all(const char *path, uint8_t **out, size_t *outlen, errbuf *e);
/* Inflates gzip data (concatenated members too), refusing more than cap bytes. 0 or -1. */
int pv_ld_gunzip(const uint8_t *in, size_t inlen, uint64_t cap, uint8_t **out, size_t *outlen, errbuf *e);

#endif

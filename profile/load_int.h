/* The loader's internals, shared by load.c (the Profile message, the tables, merging),
 * load_samples.c (samples, decoded by hand on one or two threads), load_io.c (files and
 * gzip) and load_wire.c (errors, allocator, wire format). Private to profile/. */
#ifndef PVIEW_PROFILE_LOAD_INT_H
#define PVIEW_PROFILE_LOAD_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "profile.pb-c.h"
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

int pv_ld_read_varint(reader *r, uint64_t *out);
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
    uint64_t *sslots; /* hash tag << 32 | (sample index + 1); 0 = empty */
    size_t nsslots;
    int64_t *vals;
    char err[512];
    errbuf e;
    int rc;
} sink;

/* A sink for count Sample fields among the top-level fields [begin, end), bytes of them. */
int pv_ld_sink_init(sink *k, const loader *L, size_t ntypes, const uint8_t *begin, const uint8_t *end, size_t count,
                    size_t bytes);
void pv_ld_sink_free(sink *k);
/* Decodes the sink's samples (a thread's body; k->rc says how it went). */
void *pv_ld_sink_run(void *arg);
/* Appends a sink's samples to the model (the first sink of an empty model gives its arrays). */
int pv_ld_sink_append(pv_model *m, sink *k);

/* The whole file at path (caller frees). 0, or -1 with the problem in e. */
int pv_ld_read_all(const char *path, uint8_t **out, size_t *outlen, errbuf *e);
/* Inflates gzip data (concatenated members too), refusing more than cap bytes. 0 or -1. */
int pv_ld_gunzip(const uint8_t *in, size_t inlen, uint64_t cap, uint8_t **out, size_t *outlen, errbuf *e);

#endif

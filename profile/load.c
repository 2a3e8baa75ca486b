/* Loading profile.proto files into the flat model.
 *
 * The top-level Profile message is walked by hand (three short passes over its fields,
 * skipping by length); each Sample, Location, Function and Mapping is unpacked by protobuf-c
 * with a bump allocator and copied into the model's arrays at once, so the peak stays near
 * the inflated buffer plus the model, without a whole message tree. */
#include "profile/load.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <pthread.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "profile.pb-c.h"
#include "profile/util.h"
#include "profile/folded.h"
#include "profile/legacy.h"

/* Sample data above this size is decoded by two threads. */
#define PARALLEL_MIN_BYTES (4u << 20)

/* ---------- errors ---------- */

typedef struct {
    char *buf;
    size_t len;
    const char *name;
} errbuf;

static void fail(errbuf *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void fail(errbuf *e, const char *fmt, ...)
{
    if (!e->buf || !e->len)
        return;
    int n = snprintf(e->buf, e->len, "%s: ", e->name);
    if (n < 0 || (size_t)n >= e->len)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->buf + n, e->len - (size_t)n, fmt, ap);
    va_end(ap);
}

/* ---------- bump allocator for protobuf-c ---------- */

typedef struct {
    char *buf;
    size_t used, cap;
    void **big; /* blocks too large for buf, freed at reset */
    size_t nbig, capbig;
} bump;

static void *bump_alloc(void *data, size_t size)
{
    bump *b = data;
    size = (size + 15) & ~(size_t)15;
    if (b->used + size <= b->cap) {
        void *p = b->buf + b->used;
        b->used += size;
        return p;
    }
    if (b->nbig == b->capbig) {
        size_t nc = b->capbig ? b->capbig * 2 : 16;
        void **nb = realloc(b->big, nc * sizeof *nb);
        if (!nb)
            return NULL;
        b->big = nb;
        b->capbig = nc;
    }
    void *p = malloc(size);
    if (p)
        b->big[b->nbig++] = p;
    return p;
}

static void bump_free(void *data, void *ptr)
{
    (void)data;
    (void)ptr; /* released in bulk by bump_reset */
}

static void bump_reset(bump *b)
{
    for (size_t i = 0; i < b->nbig; i++)
        free(b->big[i]);
    b->nbig = 0;
    b->used = 0;
}

/* ---------- wire format walking ---------- */

typedef struct {
    const uint8_t *p, *end;
} reader;

static int read_varint(reader *r, uint64_t *out)
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

typedef struct {
    uint32_t field, wire;
    uint64_t varint;          /* wire 0 */
    const uint8_t *data;      /* wire 2 */
    size_t len;
} wfield;

/* 1 = a field was read, 0 = end of input, -1 = malformed (message in *why). */
static int next_field(reader *r, wfield *f, const char **why)
{
    if (r->p >= r->end)
        return 0;
    uint64_t key;
    if (read_varint(r, &key) != 0) {
        *why = "bad varint";
        return -1;
    }
    f->field = (uint32_t)(key >> 3);
    f->wire = (uint32_t)(key & 7);
    if (f->field == 0) {
        *why = "field number 0";
        return -1;
    }
    switch (f->wire) {
    case 0:
        if (read_varint(r, &f->varint) != 0) {
            *why = "bad varint";
            return -1;
        }
        return 1;
    case 1:
        if (r->end - r->p < 8) {
            *why = "not enough data";
            return -1;
        }
        r->p += 8;
        return 1;
    case 2: {
        uint64_t len;
        if (read_varint(r, &len) != 0) {
            *why = "bad varint";
            return -1;
        }
        if (len > (uint64_t)(r->end - r->p)) {
            *why = "not enough data";
            return -1;
        }
        f->data = r->p;
        f->len = (size_t)len;
        r->p += len;
        return 1;
    }
    case 5:
        if (r->end - r->p < 4) {
            *why = "not enough data";
            return -1;
        }
        r->p += 4;
        return 1;
    default:
        *why = "unknown wire type";
        return -1;
    }
}

/* ---------- growing arrays ---------- */

/* ---------- one file ---------- */

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
static pv_strid map_str(const loader *L, errbuf *e, int64_t idx, int *bad)
{
    if (idx < 0 || (uint64_t)idx >= L->nstr) {
        if (!*bad)
            fail(e, "malformed profile: string index %" PRId64 " out of range (string table has %zu entries)", idx,
                 L->nstr);
        *bad = 1;
        return 0;
    }
    return L->strmap[idx];
}

static pv_strid lstr(loader *L, int64_t idx, int *bad)
{
    return map_str(L, L->e, idx, bad);
}

static int decode_value_type(loader *L, const wfield *f, pv_value_type *out)
{
    bump_reset(&L->bump);
    Perftools__Profiles__ValueType *vt = perftools__profiles__value_type__unpack(&L->alloc, f->len, f->data);
    if (!vt) {
        fail(L->e, "malformed profile: cannot decode a ValueType message");
        return -1;
    }
    int bad = 0;
    out->type = lstr(L, vt->type, &bad);
    out->unit = lstr(L, vt->unit, &bad);
    return bad ? -1 : 0;
}

/* Checks a message's id (non-zero, not seen before in this file) and maps it to the dense
 * index it will get. kind and idword only shape the message, in pprof's wording. */
static int claim_id(loader *L, pv_idmap *ids, uint64_t id, size_t index, const char *kind, const char *idword)
{
    if (id == 0) {
        fail(L->e, "malformed profile: found %s with reserved %s=0", kind, idword);
        return -1;
    }
    int r = pv_idmap_put(ids, id, (uint32_t)index);
    if (r < 0) {
        fail(L->e, "out of memory");
        return -1;
    }
    if (r == 0) {
        fail(L->e, "malformed profile: multiple %ss with same id: %" PRIu64, kind, id);
        return -1;
    }
    return 0;
}

static int add_mapping(loader *L, const wfield *f)
{
    bump_reset(&L->bump);
    Perftools__Profiles__Mapping *pm = perftools__profiles__mapping__unpack(&L->alloc, f->len, f->data);
    if (!pm) {
        fail(L->e, "malformed profile: cannot decode a Mapping message");
        return -1;
    }
    pv_model *m = L->m;
    if (pv_grow((void **)&m->mappings, &L->cap_map, m->nmappings + 1, sizeof *m->mappings) != 0)
        goto oom;
    if (claim_id(L, &L->maps, pm->id, m->nmappings, "mapping", "ID") != 0)
        return -1;
    int bad = 0;
    pv_mapping *mp = &m->mappings[m->nmappings++];
    mp->id = pm->id;
    mp->start = pm->memory_start;
    mp->limit = pm->memory_limit;
    mp->offset = pm->file_offset;
    mp->file = lstr(L, pm->filename, &bad);
    mp->build_id = lstr(L, pm->build_id, &bad);
    mp->has_functions = pm->has_functions;
    mp->has_filenames = pm->has_filenames;
    mp->has_line_numbers = pm->has_line_numbers;
    mp->has_inline_frames = pm->has_inline_frames;
    return bad ? -1 : 0;
oom:
    fail(L->e, "out of memory");
    return -1;
}

static int add_function(loader *L, const wfield *f)
{
    bump_reset(&L->bump);
    Perftools__Profiles__Function *pf = perftools__profiles__function__unpack(&L->alloc, f->len, f->data);
    if (!pf) {
        fail(L->e, "malformed profile: cannot decode a Function message");
        return -1;
    }
    pv_model *m = L->m;
    if (pv_grow((void **)&m->functions, &L->cap_fn, m->nfunctions + 1, sizeof *m->functions) != 0)
        goto oom;
    if (claim_id(L, &L->funcs, pf->id, m->nfunctions, "function", "ID") != 0)
        return -1;
    int bad = 0;
    pv_function *fn = &m->functions[m->nfunctions++];
    fn->id = pf->id;
    fn->name = lstr(L, pf->name, &bad);
    fn->system_name = lstr(L, pf->system_name, &bad);
    fn->filename = lstr(L, pf->filename, &bad);
    fn->start_line = pf->start_line;
    return bad ? -1 : 0;
oom:
    fail(L->e, "out of memory");
    return -1;
}

static int add_location(loader *L, const wfield *f)
{
    bump_reset(&L->bump);
    Perftools__Profiles__Location *pl = perftools__profiles__location__unpack(&L->alloc, f->len, f->data);
    if (!pl) {
        fail(L->e, "malformed profile: cannot decode a Location message");
        return -1;
    }
    pv_model *m = L->m;
    if (pv_grow((void **)&m->locations, &L->cap_loc, m->nlocations + 1, sizeof *m->locations) != 0 ||
        pv_grow((void **)&m->lines, &L->cap_line, m->nlines + pl->n_line, sizeof *m->lines) != 0)
        goto oom;
    if (claim_id(L, &L->locs, pl->id, m->nlocations, "location", "id") != 0)
        return -1;
    pv_location *loc = &m->locations[m->nlocations++];
    loc->id = pl->id;
    /* pprof leaves a location whose mapping id is unknown without a mapping, and goes on */
    loc->mapping = pl->mapping_id ? pv_idmap_get(&L->maps, pl->mapping_id) : PV_NONE;
    loc->address = pl->address;
    loc->is_folded = pl->is_folded;
    loc->line_start = (uint32_t)m->nlines;
    loc->line_count = (uint32_t)pl->n_line;
    for (size_t i = 0; i < pl->n_line; i++) {
        uint64_t fid = pl->line[i]->function_id;
        uint32_t fi = fid ? pv_idmap_get(&L->funcs, fid) : PV_NONE;
        if (fi == PV_NONE) {
            if (fid)
                fail(L->e, "malformed profile: location id %" PRIu64 " refers to unknown function id %" PRIu64,
                     pl->id, fid);
            else
                fail(L->e, "malformed profile: location id %" PRIu64 " has a line with function id 0", pl->id);
            return -1;
        }
        m->lines[m->nlines].function = fi;
        m->lines[m->nlines].line = pl->line[i]->line;
        m->nlines++;
    }
    return 0;
oom:
    fail(L->e, "out of memory");
    return -1;
}

static uint64_t sample_hash(const uint32_t *stack, size_t n, const pv_label *labels, size_t nl)
{
    uint64_t h = 0x9E3779B97F4A7C15ull ^ n;
    size_t i = 0;
    for (; i + 1 < n; i += 2) {
        uint64_t w;
        memcpy(&w, stack + i, 8);
        h = (h ^ w) * 0xff51afd7ed558ccdull;
        h ^= h >> 32;
    }
    if (i < n)
        h = (h ^ stack[i]) * 0xff51afd7ed558ccdull;
    for (size_t k = 0; k < nl; k++) {
        h = (h ^ labels[k].key ^ (uint64_t)labels[k].str << 32) * 0xc4ceb9fe1a85ec53ull;
        h = (h ^ (uint64_t)labels[k].num ^ labels[k].num_unit) * 0xc4ceb9fe1a85ec53ull;
    }
    return pv_mix64(h);
}

static bool labels_equal(const pv_label *a, const pv_label *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (a[i].key != b[i].key || a[i].str != b[i].str || a[i].num != b[i].num || a[i].num_unit != b[i].num_unit)
            return false;
    return true;
}

/* ---------- samples ---------- */

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

static void sink_free(sink *k)
{
    free(k->stack);
    free(k->stack_off);
    free(k->label_off);
    free(k->values);
    free(k->labels);
    free(k->sslots);
    free(k->vals);
}

static int sink_init(sink *k, const loader *L, size_t ntypes, const uint8_t *begin, const uint8_t *end,
                     size_t count, size_t bytes)
{
    memset(k, 0, sizeof *k);
    k->L = L;
    k->ntypes = ntypes;
    k->begin = begin;
    k->end = end;
    k->count = count;
    k->e = (errbuf){k->err, sizeof k->err, L->e->name};
    size_t nt = ntypes ? ntypes : 1;
    k->stack = malloc((bytes ? bytes : 1) * sizeof *k->stack);
    k->stack_off = malloc((count + 1) * sizeof *k->stack_off);
    k->label_off = malloc((count + 1) * sizeof *k->label_off);
    k->values = malloc((count ? count : 1) * nt * sizeof *k->values);
    k->vals = malloc(nt * sizeof *k->vals);
    size_t ns = 4096;
    while (ns < count * 2)
        ns *= 2;
    k->sslots = calloc(ns, sizeof *k->sslots);
    k->nsslots = ns;
    if (!k->stack || !k->stack_off || !k->label_off || !k->values || !k->vals || !k->sslots)
        return -1;
    pv_hint_huge(k->stack, bytes * sizeof *k->stack);
    pv_hint_huge(k->values, count * nt * sizeof *k->values);
    pv_hint_huge(k->sslots, ns * sizeof *k->sslots); /* probed at random: huge pages spare TLB misses */
    k->stack_off[0] = 0;
    k->label_off[0] = 0;
    return 0;
}

static pv_strid sink_str(sink *k, int64_t idx, int *bad)
{
    return map_str(k->L, &k->e, idx, bad);
}

/* pprof merges samples whose stacks and labels are equal, summing their values; the
 * report is the same either way, and the model gets smaller and faster to walk.
 * Returns 1 if the new sample (not yet appended) was merged into an earlier one, 0 if it
 * is new (and has been entered in the table as the next index). */
static int merge_sample(sink *k, const uint32_t *stack, size_t n, const pv_label *labels, size_t nl,
                        const int64_t *vals)
{
    uint64_t h = sample_hash(stack, n, labels, nl);
    uint64_t tag = h >> 32;
    size_t mask = k->nsslots - 1;
    size_t j = tag & mask;
    while (k->sslots[j]) {
        uint64_t v = k->sslots[j];
        if (v >> 32 == tag) {
            size_t s = (uint32_t)v - 1;
            const uint32_t *st = k->stack + k->stack_off[s];
            size_t sn = k->stack_off[s + 1] - k->stack_off[s];
            size_t snl = k->label_off[s + 1] - k->label_off[s];
            if (sn == n && snl == nl && memcmp(st, stack, n * sizeof *stack) == 0 &&
                (nl == 0 || labels_equal(k->labels + k->label_off[s], labels, nl))) {
                int64_t *vv = k->values + s * k->ntypes;
                for (size_t t = 0; t < k->ntypes; t++)
                    vv[t] = (int64_t)((uint64_t)vv[t] + (uint64_t)vals[t]); /* wraps like Go's int64 */
                return 1;
            }
        }
        j = (j + 1) & mask;
    }
    k->sslots[j] = tag << 32 | ((uint64_t)k->n + 1);
    return 0;
}

/* Samples are the bulk of a profile (millions, each with tens of frames), so they are
 * decoded by hand straight into the sink's arrays: no intermediate message, no uint64 id
 * array per sample. The other messages go through protobuf-c. */
static int add_sample(sink *k, const wfield *f)
{
    const loader *L = k->L;
    size_t ntypes = k->ntypes;
    int64_t *vals = k->vals;
    reader r = {f->data, f->data + f->len};
    uint32_t *dst = k->stack + k->stack_off[k->n];
    size_t nloc = 0, nval = 0, nl = 0;
    uint64_t lab0 = k->label_off[k->n];
    wfield g;
    const char *why = NULL;
    int rc;
    int bad = 0;
    while ((rc = next_field(&r, &g, &why)) == 1) {
        if (g.field == 1 || g.field == 2) {
            reader pr = {NULL, NULL};
            uint64_t one = g.varint;
            bool packed = g.wire == 2;
            if (!packed && g.wire != 0) {
                why = "type mismatch";
                goto malformed;
            }
            if (packed)
                pr = (reader){g.data, g.data + g.len};
            if (packed && g.field == 1) {
                /* the hot loop of loading: ids below 128 or 16384 take one or two bytes */
                const uint8_t *q = pr.p, *qe = pr.end;
                const uint32_t *direct = L->locs.direct;
                uint64_t ndirect = L->locs.ndirect;
                while (q < qe) {
                    uint64_t v;
                    if (q[0] < 0x80) {
                        v = q[0];
                        q++;
                    } else if (qe - q >= 2 && q[1] < 0x80) {
                        v = (uint64_t)(q[0] & 0x7f) | (uint64_t)q[1] << 7;
                        q += 2;
                    } else {
                        reader vr = {q, qe};
                        if (read_varint(&vr, &v) != 0) {
                            why = "bad varint";
                            goto malformed;
                        }
                        q = vr.p;
                    }
                    uint32_t li = v < ndirect ? direct[v] : pv_idmap_get(&L->locs, v);
                    if (li == PV_NONE) {
                        fail(&k->e, "malformed profile: sample refers to unknown location id %" PRIu64, v);
                        return -1;
                    }
                    dst[nloc++] = li;
                }
                continue;
            }
            for (;;) {
                uint64_t v;
                if (packed) {
                    if (pr.p >= pr.end)
                        break;
                    if (read_varint(&pr, &v) != 0) {
                        why = "bad varint";
                        goto malformed;
                    }
                } else {
                    v = one;
                }
                if (g.field == 1) {
                    /* capacity: the stack array was sized to one id per byte of sample data */
                    uint32_t li = pv_idmap_get(&L->locs, v);
                    if (li == PV_NONE) {
                        fail(&k->e, "malformed profile: sample refers to unknown location id %" PRIu64, v);
                        return -1;
                    }
                    dst[nloc++] = li;
                } else {
                    if (nval < ntypes)
                        vals[nval] = (int64_t)v;
                    nval++;
                }
                if (!packed)
                    break;
            }
        } else if (g.field == 3) {
            if (g.wire != 2) {
                why = "type mismatch";
                goto malformed;
            }
            reader lr = {g.data, g.data + g.len};
            wfield h;
            int64_t lf[5] = {0, 0, 0, 0, 0};
            int lrc;
            while ((lrc = next_field(&lr, &h, &why)) == 1) {
                if (h.field >= 1 && h.field <= 4) {
                    if (h.wire != 0) {
                        why = "type mismatch";
                        goto malformed;
                    }
                    lf[h.field] = (int64_t)h.varint;
                }
            }
            if (lrc < 0)
                goto malformed;
            pv_label lab = {0};
            lab.key = sink_str(k, lf[1], &bad);
            if (lf[2] != 0) {
                lab.str = sink_str(k, lf[2], &bad);
            } else if (lf[3] != 0 || lf[4] != 0) {
                lab.num = lf[3];
                lab.num_unit = lf[4] ? sink_str(k, lf[4], &bad) : 0;
            } else {
                continue; /* pprof keeps neither kind for a label with no value */
            }
            if (bad)
                return -1;
            if (pv_grow((void **)&k->labels, &k->cap_label, lab0 + nl + 1, sizeof *k->labels) != 0)
                goto oom;
            k->labels[lab0 + nl++] = lab;
        }
    }
    if (rc < 0)
        goto malformed;
    if (nval != ntypes) {
        fail(&k->e, "malformed profile: mismatch: sample has %zu values vs. %zu types", nval, ntypes);
        return -1;
    }
    bool zero = true;
    for (size_t i = 0; i < ntypes; i++)
        if (vals[i] != 0)
            zero = false;
    if (zero)
        return 0; /* pprof's merge drops samples whose values are all zero */
    if (merge_sample(k, dst, nloc, k->labels ? k->labels + lab0 : NULL, nl, vals))
        return 0;
    memcpy(k->values + k->n * ntypes, vals, ntypes * sizeof *k->values);
    k->stack_off[k->n + 1] = k->stack_off[k->n] + nloc;
    k->label_off[k->n + 1] = lab0 + nl;
    k->n++;
    return 0;
malformed:
    fail(&k->e, "malformed profile: sample: %s", why);
    return -1;
oom:
    fail(&k->e, "out of memory");
    return -1;
}

static void *sink_run(void *arg)
{
    sink *k = arg;
    reader rd = {k->begin, k->end};
    wfield f;
    const char *why = NULL;
    k->rc = 0;
    while (next_field(&rd, &f, &why) == 1)
        if (f.field == 2 && add_sample(k, &f) != 0) {
            k->rc = -1;
            break;
        }
    return NULL;
}

/* Appends a sink's samples to the model. The first sink of an empty model gives its arrays
 * away; the others are copied. */
static int sink_append(pv_model *m, sink *k)
{
    size_t nt = m->ntypes ? m->ntypes : 1;
    uint64_t sbase = m->stack_off[m->nsamples], lbase = m->label_off[m->nsamples];
    uint64_t nframes = k->stack_off[k->n], nlabels = k->label_off[k->n];
    if (m->nsamples == 0) {
        free(m->stack);
        free(m->values);
        free(m->stack_off);
        free(m->label_off);
        free(m->labels);
        m->stack = k->stack;
        m->values = k->values;
        m->stack_off = k->stack_off;
        m->label_off = k->label_off;
        m->labels = k->labels ? k->labels : calloc(1, sizeof *m->labels);
        m->nsamples = k->n;
        k->stack = NULL;
        k->values = NULL;
        k->stack_off = NULL;
        k->label_off = NULL;
        k->labels = NULL;
        return m->labels ? 0 : -1;
    }
    uint32_t *st = realloc(m->stack, (sbase + nframes + 1) * sizeof *st);
    if (st)
        m->stack = st;
    int64_t *va = realloc(m->values, (m->nsamples + k->n) * nt * sizeof *va);
    if (va)
        m->values = va;
    uint64_t *so = realloc(m->stack_off, (m->nsamples + k->n + 1) * sizeof *so);
    if (so)
        m->stack_off = so;
    uint64_t *lo = realloc(m->label_off, (m->nsamples + k->n + 1) * sizeof *lo);
    if (lo)
        m->label_off = lo;
    pv_label *la = realloc(m->labels, (lbase + nlabels + 1) * sizeof *la);
    if (la)
        m->labels = la;
    if (!st || !va || !so || !lo || !la)
        return -1;
    memcpy(m->stack + sbase, k->stack, nframes * sizeof *m->stack);
    memcpy(m->values + m->nsamples * nt, k->values, k->n * nt * sizeof *m->values);
    if (nlabels)
        memcpy(m->labels + lbase, k->labels, nlabels * sizeof *m->labels);
    for (size_t i = 1; i <= k->n; i++) {
        m->stack_off[m->nsamples + i] = sbase + k->stack_off[i];
        m->label_off[m->nsamples + i] = lbase + k->label_off[i];
    }
    m->nsamples += k->n;
    return 0;
}

static bool value_types_equal(const pv_model *m, const pv_value_type *a, const pv_value_type *b)
{
    return strcmp(pv_str(m, a->type), pv_str(m, b->type)) == 0 && strcmp(pv_str(m, a->unit), pv_str(m, b->unit)) == 0;
}

static void format_types(const pv_model *m, const pv_value_type *t, size_t n, char *out, size_t len)
{
    size_t off = 0;
    off += (size_t)snprintf(out + off, len - off, "[");
    for (size_t i = 0; i < n && off < len; i++)
        off += (size_t)snprintf(out + off, len - off, "%s%s/%s", i ? " " : "", pv_str(m, t[i].type), pv_str(m, t[i].unit));
    if (off < len)
        snprintf(out + off, len - off, "]");
}

/* Appends the comments not seen yet (pprof keeps each distinct comment once, in order). */
static int merge_comments(pv_model *m, const pv_strid *add, size_t n)
{
    if (n == 0)
        return 0;
    size_t ns = pv_nstrings(m);
    uint8_t *seen = calloc(ns / 8 + 1, 1);
    pv_strid *nc = realloc(m->comments, (m->ncomments + n) * sizeof *nc);
    if (!seen || !nc) {
        free(seen);
        if (nc)
            m->comments = nc;
        return -1;
    }
    m->comments = nc;
    for (size_t i = 0; i < m->ncomments; i++)
        seen[m->comments[i] / 8] |= (uint8_t)(1u << (m->comments[i] % 8));
    for (size_t i = 0; i < n; i++) {
        pv_strid c = add[i];
        if (seen[c / 8] & (1u << (c % 8)))
            continue;
        seen[c / 8] |= (uint8_t)(1u << (c % 8));
        m->comments[m->ncomments++] = c;
    }
    free(seen);
    return 0;
}

/* Decodes one uncompressed profile and merges it into L->m. first: this is the first source. */
static int decode(loader *L, const uint8_t *data, size_t len, bool first)
{
    pv_model *m = L->m;
    const char *why = NULL;
    wfield f;
    int r;

    if (len == 0) {
        fail(L->e, "empty input file");
        return -1;
    }

    /* pass 1: strings, counts and scalar header fields */
    size_t nstr = 0, nsample_type = 0, nsamples = 0, nmaps = 0, nfns = 0, nlocs = 0, ncomments = 0;
    size_t sample_bytes = 0;
    size_t nfields = 0;
    reader rd = {data, data + len};
    while ((r = next_field(&rd, &f, &why)) == 1) {
        bool want_len = false, want_var = false;
        nfields++;
        switch (f.field) {
        case 1: nsample_type++; want_len = true; break;
        case 2: nsamples++; sample_bytes += f.len; want_len = true; break;
        case 3: nmaps++; want_len = true; break;
        case 4: nlocs++; want_len = true; break;
        case 5: nfns++; want_len = true; break;
        case 6: nstr++; want_len = true; break;
        case 11: want_len = true; break;
        case 13:
            if (f.wire == 2) { /* packed */
                reader pr = {f.data, f.data + f.len};
                uint64_t v;
                while (pr.p < pr.end) {
                    if (read_varint(&pr, &v) != 0) {
                        why = "bad varint";
                        goto malformed;
                    }
                    ncomments++;
                }
            } else {
                want_var = true;
                ncomments++;
            }
            break;
        case 7: case 8: case 9: case 10: case 12: case 14: want_var = true; break;
        default: break; /* unknown fields are skipped, as protobuf decoders do */
        }
        if ((want_len && f.wire != 2) || (want_var && f.wire != 0)) {
            why = "type mismatch";
            goto malformed;
        }
    }
    if (r < 0)
        goto malformed;
    if (nstr == 0) {
        fail(L->e, "malformed profile: empty string table (not a profile?)");
        return -1;
    }

    free(L->strmap);
    L->strmap = malloc(nstr * sizeof *L->strmap);
    if (!L->strmap)
        goto oom;
    L->nstr = 0;
    int64_t drop_x = 0, keep_x = 0, time_nanos = 0, duration = 0, period = 0, default_x = 0;
    int64_t *comment_x = ncomments ? malloc(ncomments * sizeof *comment_x) : NULL;
    size_t ci = 0;
    if (ncomments && !comment_x)
        goto oom;
    rd = (reader){data, data + len};
    while (next_field(&rd, &f, &why) == 1) {
        switch (f.field) {
        case 6:
            if (L->nstr == 0 && f.len != 0) {
                free(comment_x);
                fail(L->e, "malformed profile: string_table[0] must be ''");
                return -1;
            }
            L->strmap[L->nstr] = pv_intern(m, (const char *)f.data, f.len);
            if (L->strmap[L->nstr] == PV_NONE) {
                free(comment_x);
                goto oom;
            }
            L->nstr++;
            break;
        case 7: drop_x = (int64_t)f.varint; break;
        case 8: keep_x = (int64_t)f.varint; break;
        case 9: time_nanos = (int64_t)f.varint; break;
        case 10: duration = (int64_t)f.varint; break;
        case 12: period = (int64_t)f.varint; break;
        case 14: default_x = (int64_t)f.varint; break;
        case 13:
            if (f.wire == 2) {
                reader pr = {f.data, f.data + f.len};
                uint64_t v;
                while (pr.p < pr.end && read_varint(&pr, &v) == 0)
                    comment_x[ci++] = (int64_t)v;
            } else {
                comment_x[ci++] = (int64_t)f.varint;
            }
            break;
        default: break;
        }
    }

    /* header fields */
    int bad = 0;
    pv_value_type *types = nsample_type ? calloc(nsample_type, sizeof *types) : NULL;
    pv_value_type period_type = {0, 0};
    pv_strid drop = lstr(L, drop_x, &bad), keep = lstr(L, keep_x, &bad), dst = lstr(L, default_x, &bad);
    size_t it = 0;
    rd = (reader){data, data + len};
    while (!bad && next_field(&rd, &f, &why) == 1) {
        if (f.field == 1) {
            if (decode_value_type(L, &f, &types[it++]) != 0)
                bad = 1;
        } else if (f.field == 11) {
            if (decode_value_type(L, &f, &period_type) != 0)
                bad = 1;
        }
    }
    pv_strid *comments = ncomments ? malloc(ncomments * sizeof *comments) : NULL;
    for (size_t i = 0; i < ncomments && !bad; i++)
        comments[i] = lstr(L, comment_x[i], &bad);
    free(comment_x);
    if (bad) {
        free(types);
        free(comments);
        return -1;
    }
    if (nsample_type == 0 && nsamples != 0) {
        free(types);
        free(comments);
        fail(L->e, "malformed profile: missing sample type information");
        return -1;
    }

    if (first) {
        m->ntypes = nsample_type;
        m->sample_types = types;
        m->period_type = period_type;
        m->period = period;
        m->time_nanos = time_nanos;
        m->duration_nanos = duration;
        m->drop_frames = drop;
        m->keep_frames = keep;
        m->default_sample_type = dst;
        m->comments = NULL;
        m->ncomments = 0;
        int cr = merge_comments(m, comments, ncomments);
        free(comments);
        if (cr != 0)
            goto oom;
    } else {
        /* pprof's rules for merging: types must agree; earliest time, summed duration,
         * largest period, comments deduplicated, first non-empty default type */
        bool same = nsample_type == m->ntypes;
        for (size_t i = 0; same && i < nsample_type; i++)
            same = value_types_equal(m, &types[i], &m->sample_types[i]);
        if (!same) {
            char a[512], b[512];
            format_types(m, types, nsample_type, a, sizeof a);
            format_types(m, m->sample_types, m->ntypes, b, sizeof b);
            fail(L->e, "cannot merge: sample types %s differ from %s in %s", a, b, m->sources[0]);
            free(types);
            free(comments);
            return -1;
        }
        if (!value_types_equal(m, &period_type, &m->period_type)) {
            fail(L->e, "cannot merge: period type %s/%s differs from %s/%s in %s", pv_str(m, period_type.type),
                 pv_str(m, period_type.unit), pv_str(m, m->period_type.type), pv_str(m, m->period_type.unit),
                 m->sources[0]);
            free(types);
            free(comments);
            return -1;
        }
        free(types);
        if (m->time_nanos == 0 || time_nanos < m->time_nanos)
            m->time_nanos = time_nanos;
        m->duration_nanos = (int64_t)((uint64_t)m->duration_nanos + (uint64_t)duration); /* wraps as Go */
        if (m->period == 0 || m->period < period)
            m->period = period;
        if (merge_comments(m, comments, ncomments) != 0) {
            free(comments);
            goto oom;
        }
        free(comments);
        if (m->default_sample_type == 0)
            m->default_sample_type = dst;
    }

    /* pass 2: mappings and functions, then locations (which refer to both), then samples */
    pv_idmap_free(&L->maps);
    pv_idmap_free(&L->funcs);
    pv_idmap_free(&L->locs);
    if (pv_idmap_init(&L->maps, nmaps) || pv_idmap_init(&L->funcs, nfns) || pv_idmap_init(&L->locs, nlocs))
        goto oom;
    rd = (reader){data, data + len};
    while (next_field(&rd, &f, &why) == 1) {
        if (f.field == 3 && add_mapping(L, &f) != 0)
            return -1;
        if (f.field == 5 && add_function(L, &f) != 0)
            return -1;
    }
    rd = (reader){data, data + len};
    while (next_field(&rd, &f, &why) == 1)
        if (f.field == 4 && add_location(L, &f) != 0)
            return -1;

    /* samples: big files are split in two halves of sample bytes, decoded by two threads */
    {
        enum { MAXSINKS = 2 };
        sink sinks[MAXSINKS];
        /* PVIEW_PARALLEL_MIN (bytes) lowers the threshold, so tests run this path on small files */
        const char *pm = getenv("PVIEW_PARALLEL_MIN");
        size_t min_bytes = pm ? (size_t)strtoull(pm, NULL, 10) : PARALLEL_MIN_BYTES;
        size_t nsinks = sample_bytes >= min_bytes && nsamples >= 2 ? 2 : 1;
        const uint8_t *split = data + len;
        size_t count0 = nsamples, bytes0 = sample_bytes;
        if (nsinks == 2) {
            size_t acc = 0, cnt = 0;
            rd = (reader){data, data + len};
            while (next_field(&rd, &f, &why) == 1) {
                if (f.field != 2)
                    continue;
                acc += f.len;
                cnt++;
                if (acc >= sample_bytes / 2) {
                    split = rd.p;
                    break;
                }
            }
            count0 = cnt;
            bytes0 = acc;
        }
        int ok = sink_init(&sinks[0], L, m->ntypes, data, split, count0, bytes0) == 0;
        if (nsinks == 2)
            ok = sink_init(&sinks[1], L, m->ntypes, split, data + len, nsamples - count0, sample_bytes - bytes0) == 0 &&
                 ok;
        if (!ok) {
            for (size_t i = 0; i < nsinks; i++)
                sink_free(&sinks[i]);
            goto oom;
        }
        pthread_t th;
        bool threaded = nsinks == 2 && pthread_create(&th, NULL, sink_run, &sinks[1]) == 0;
        sink_run(&sinks[0]);
        if (threaded)
            pthread_join(th, NULL);
        else if (nsinks == 2)
            sink_run(&sinks[1]);
        for (size_t i = 0; i < nsinks; i++) { /* the merge tables are done with: lower the peak */
            free(sinks[i].sslots);
            sinks[i].sslots = NULL;
        }
        int rc = 0;
        for (size_t i = 0; i < nsinks && rc == 0; i++) {
            if (sinks[i].rc != 0) {
                if (L->e->buf && L->e->len)
                    snprintf(L->e->buf, L->e->len, "%s", sinks[i].err);
                rc = -1;
            } else if (sink_append(m, &sinks[i]) != 0) {
                fail(L->e, "out of memory");
                rc = -1;
            }
        }
        for (size_t i = 0; i < nsinks; i++)
            sink_free(&sinks[i]);
        return rc;
    }

malformed:
    /* not a profile.proto: maybe a legacy profile (as pprof, which tries them when protobuf fails) */
    {
        char lerr[512];
        int lr = first ? pv_legacy_parse(m, data, len, lerr, sizeof lerr) : 0;
        if (lr == 0) /* nor legacy: maybe folded stacks (text lines "a;b;c 12"), also merged */
            lr = pv_folded_parse(m, data, len, L->folded_unit, lerr, sizeof lerr);
        if (lr != 0) {
            if (lr < 0)
                fail(L->e, "%s", lerr);
            return lr > 0 ? 0 : -1;
        }
    }
    if (nfields == 0)
        fail(L->e, "not a profile.proto file (protobuf decoding failed at byte %zu of %zu: %s)",
             (size_t)(rd.p - data), len, why);
    else
        fail(L->e, "malformed profile: %s at byte %zu of %zu", why, (size_t)(rd.p - data), len);
    return -1;
oom:
    fail(L->e, "out of memory");
    return -1;
}

/* ---------- input: files and gzip ---------- */

static int read_all(const char *path, uint8_t **out, size_t *outlen, errbuf *e)
{
    bool is_stdin = !strcmp(path, "-");
    int fd = is_stdin ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        fail(e, "%s", strerror(errno));
        return -1;
    }
    struct stat st;
    if (fstat(fd, &st) != 0) {
        fail(e, "%s", strerror(errno));
        if (!is_stdin)
            close(fd);
        return -1;
    }
    if (S_ISDIR(st.st_mode)) {
        fail(e, "is a directory");
        if (!is_stdin)
            close(fd);
        return -1;
    }
    size_t cap = S_ISREG(st.st_mode) && st.st_size > 0 ? (size_t)st.st_size + 1 : 65536;
    uint8_t *buf = malloc(cap);
    size_t len = 0;
    if (!buf) {
        fail(e, "out of memory");
        if (!is_stdin)
            close(fd);
        return -1;
    }
    for (;;) {
        if (len == cap) {
            uint8_t *nb = realloc(buf, cap * 2);
            if (!nb) {
                free(buf);
                if (!is_stdin)
                    close(fd);
                fail(e, "out of memory");
                return -1;
            }
            buf = nb;
            cap *= 2;
        }
        ssize_t n = read(fd, buf + len, cap - len);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            fail(e, "%s", strerror(errno));
            free(buf);
            if (!is_stdin)
                close(fd);
            return -1;
        }
        if (n == 0)
            break;
        len += (size_t)n;
    }
    if (!is_stdin)
        close(fd);
    *out = buf;
    *outlen = len;
    return 0;
}

static int gunzip(const uint8_t *in, size_t inlen, uint64_t cap, uint8_t **out, size_t *outlen, errbuf *e)
{
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    if (inflateInit2(&zs, 15 + 16) != Z_OK) {
        fail(e, "decompressing profile: cannot initialise zlib");
        return -1;
    }
    /* the gzip trailer holds the size mod 2^32: a hint for the first allocation */
    size_t size = inlen >= 4 ? (size_t)in[inlen - 4] | (size_t)in[inlen - 3] << 8 | (size_t)in[inlen - 2] << 16 |
                                   (size_t)in[inlen - 1] << 24
                             : 0;
    if (size < inlen * 2)
        size = inlen * 2;
    size += 4096; /* room past the exact size, so finishing does not force a doubling copy */
    if (size > cap)
        size = (size_t)cap;
    if (size < 4096)
        size = 4096;
    uint8_t *buf = malloc(size);
    size_t len = 0;
    if (!buf)
        goto oom;
    pv_hint_huge(buf, size);
    zs.next_in = (Bytef *)in;
    zs.avail_in = (uInt)(inlen > UINT32_MAX ? UINT32_MAX : inlen);
    size_t consumed_before = 0;
    for (;;) {
        if (len == size) {
            if (size >= cap) {
                fail(e, "decompressed size exceeds the limit of %" PRIu64 " bytes (a gzip bomb? see -max_decompressed)",
                     cap);
                goto fail;
            }
            size_t ns = size * 2 > cap ? (size_t)cap : size * 2;
            uint8_t *nb = realloc(buf, ns);
            if (!nb)
                goto oom;
            buf = nb;
            size = ns;
        }
        zs.next_out = buf + len;
        size_t room = size - len;
        zs.avail_out = (uInt)(room > UINT32_MAX ? UINT32_MAX : room);
        uInt before_out = zs.avail_out;
        int zr = inflate(&zs, Z_NO_FLUSH);
        len += before_out - zs.avail_out;
        if (zs.avail_in == 0 && consumed_before + zs.total_in < inlen) {
            /* refill beyond 4 GiB inputs */
            consumed_before += zs.total_in;
            size_t left = inlen - consumed_before;
            zs.next_in = (Bytef *)in + consumed_before;
            zs.avail_in = (uInt)(left > UINT32_MAX ? UINT32_MAX : left);
            zs.total_in = 0;
        }
        if (zr == Z_STREAM_END) {
            /* another gzip member may follow (concatenated gzip), as Go's reader allows */
            size_t used = consumed_before + zs.total_in;
            if (used < inlen && in[used] == 0x1f && inlen - used >= 2 && in[used + 1] == 0x8b) {
                consumed_before = used;
                inflateReset(&zs);
                zs.total_in = 0;
                zs.next_in = (Bytef *)in + used;
                size_t left = inlen - used;
                zs.avail_in = (uInt)(left > UINT32_MAX ? UINT32_MAX : left);
                continue;
            }
            break;
        }
        if (zr == Z_BUF_ERROR && zs.avail_in == 0) {
            fail(e, "decompressing profile: truncated gzip data (unexpected end of file)");
            goto fail;
        }
        if (zr != Z_OK && zr != Z_BUF_ERROR) {
            fail(e, "decompressing profile: %s", zs.msg ? zs.msg : "invalid gzip data");
            goto fail;
        }
    }
    inflateEnd(&zs);
    *out = buf;
    *outlen = len;
    return 0;
oom:
    fail(e, "out of memory while decompressing");
fail:
    inflateEnd(&zs);
    free(buf);
    return -1;
}

static pv_model *model_new(void)
{
    pv_model *m = calloc(1, sizeof *m);
    if (!m)
        return NULL;
    if (pv_intern(m, "", 0) != 0) {
        pv_model_free(m);
        return NULL;
    }
    m->stack_off = calloc(1, sizeof *m->stack_off);
    m->label_off = calloc(1, sizeof *m->label_off);
    /* never NULL: the decoder forms m->labels + 0 and m->stack + 0 for a profile without labels
     * or frames, and NULL + 0 is undefined behaviour in C (clang's UBSan reports it) */
    m->stack = calloc(1, sizeof *m->stack);
    m->labels = calloc(1, sizeof *m->labels);
    if (!m->stack_off || !m->label_off || !m->stack || !m->labels) {
        pv_model_free(m);
        return NULL;
    }
    return m;
}

static void loader_free(loader *L)
{
    free(L->strmap);
    pv_idmap_free(&L->maps);
    pv_idmap_free(&L->funcs);
    pv_idmap_free(&L->locs);
    bump_reset(&L->bump);
    free(L->bump.big);
    free(L->bump.buf);
}

static int loader_init(loader *L, pv_model *m, errbuf *e)
{
    memset(L, 0, sizeof *L);
    L->m = m;
    L->e = e;
    L->bump.cap = 1 << 16;
    L->bump.buf = malloc(L->bump.cap);
    if (!L->bump.buf)
        return -1;
    L->alloc.alloc = bump_alloc;
    L->alloc.free = bump_free;
    L->alloc.allocator_data = &L->bump;
    return 0;
}

/* Data from one source: inflates if gzip, then decodes. Takes ownership of buf. */
static int load_one(loader *L, const char *name, uint8_t *buf, size_t len, uint64_t cap, bool first)
{
    pv_model *m = L->m;
    char **ns = realloc(m->sources, (m->nsources + 1) * sizeof *ns);
    if (!ns) {
        free(buf);
        fail(L->e, "out of memory");
        return -1;
    }
    m->sources = ns;
    m->sources[m->nsources] = strdup(name);
    if (!m->sources[m->nsources]) {
        free(buf);
        fail(L->e, "out of memory");
        return -1;
    }
    m->nsources++;
    if (len == 0) {
        free(buf);
        fail(L->e, "empty input file");
        return -1;
    }
    if (len >= 2 && buf[0] == 0x1f && buf[1] == 0x8b) {
        uint8_t *raw;
        size_t rawlen;
        int r = gunzip(buf, len, cap, &raw, &rawlen, L->e);
        free(buf);
        if (r != 0)
            return -1;
        buf = raw;
        len = rawlen;
    }
    int r = decode(L, buf, len, first);
    free(buf);
    return r;
}

/* Merged samples whose values cancel out are dropped, as pprof's merge does. */
static void drop_zero_samples(pv_model *m)
{
    size_t nt = m->ntypes, w = 0;
    uint64_t sw = 0, lw = 0;
    for (size_t s = 0; s < m->nsamples; s++) {
        bool zero = true;
        for (size_t t = 0; t < nt && zero; t++)
            zero = m->values[s * nt + t] == 0;
        uint64_t sb = m->stack_off[s], se = m->stack_off[s + 1];
        uint64_t lb = m->label_off[s], le = m->label_off[s + 1];
        if (zero)
            continue;
        if (w != s) {
            memmove(m->values + w * nt, m->values + s * nt, nt * sizeof *m->values);
            memmove(m->stack + sw, m->stack + sb, (size_t)(se - sb) * sizeof *m->stack);
            if (le > lb)
                memmove(m->labels + lw, m->labels + lb, (size_t)(le - lb) * sizeof *m->labels);
        }
        m->stack_off[w] = sw;
        m->label_off[w] = lw;
        sw += se - sb;
        lw += le - lb;
        w++;
    }
    m->stack_off[w] = sw;
    m->label_off[w] = lw;
    m->nsamples = w;
}

static void shrink_model(pv_model *m)
{
    drop_zero_samples(m);
    /* give back the over-estimated tail of the stack array */
    size_t n = m->stack_off[m->nsamples];
    uint32_t *s = realloc(m->stack, (n ? n : 1) * sizeof *s);
    if (s)
        m->stack = s;
}

/* Loads n sources into a new model: from memory (data[i], lens[i]) or, when data or data[i]
 * is NULL, from the file names[i]; then the base profiles (files), if any. */
static pv_model *load_sources(const char *const *names, const unsigned char *const *data, const size_t *lens,
                              size_t n, const pv_base_opts *base, const pv_load_opts *o, char *err, size_t errlen)
{
    uint64_t cap = o && o->max_decompressed ? o->max_decompressed : PV_DEFAULT_MAX_DECOMPRESSED;
    errbuf e = {err, errlen, n ? names[0] : "pview"};
    if (err && errlen)
        err[0] = '\0';
    pv_model *m = model_new();
    loader L;
    if (!m || loader_init(&L, m, &e) != 0) {
        fail(&e, "out of memory");
        pv_model_free(m);
        return NULL;
    }
    L.folded_unit = o ? o->folded_unit : NULL;
    size_t nbase = base ? base->nbase : 0, boundary = 0;
    for (size_t i = 0; i < n + nbase; i++) {
        bool is_base = i >= n;
        if (i == n)
            boundary = m->nsamples;
        bool from_file = is_base ? !(base->data && base->data[i - n]) : !data || !data[i];
        const char *nm = is_base ? base->base[i - n] : names[i];
        const char *name = from_file && !strcmp(nm, "-") ? "stdin" : nm;
        e.name = name;
        uint8_t *buf = NULL;
        size_t len = 0;
        int r;
        if (!from_file) {
            const unsigned char *src = is_base ? base->data[i - n] : data[i];
            len = is_base ? base->lens[i - n] : lens[i];
            buf = malloc(len ? len : 1);
            r = buf ? 0 : -1;
            if (buf)
                memcpy(buf, src, len);
            else
                fail(&e, "out of memory");
        } else {
            r = read_all(nm, &buf, &len, &e);
        }
        if (r != 0 || load_one(&L, name, buf, len, cap, i == 0) != 0) {
            loader_free(&L);
            pv_model_free(m);
            return NULL;
        }
    }
    loader_free(&L);
    if (nbase && pv_model_apply_base(m, boundary, base->diff_base, base->normalize) != 0) {
        e.name = base->base[0];
        fail(&e, "out of memory");
        pv_model_free(m);
        return NULL;
    }
    shrink_model(m);
    return m;
}

pv_model *pv_load(const char *const *paths, size_t n, const pv_load_opts *o, char *err, size_t errlen)
{
    return load_sources(paths, NULL, NULL, n, NULL, o, err, errlen);
}

pv_model *pv_load_with_base(const char *const *paths, size_t n, const pv_base_opts *base, const pv_load_opts *o,
                            char *err, size_t errlen)
{
    return load_sources(paths, NULL, NULL, n, base, o, err, errlen);
}

pv_model *pv_load_buffer(const char *name, const unsigned char *data, size_t len, const pv_load_opts *o, char *err,
                         size_t errlen)
{
    return load_sources(&name, &data, &len, 1, NULL, o, err, errlen);
}

pv_model *pv_load_buffers(const char *const *names, const unsigned char *const *data, const size_t *lens, size_t n,
                          const pv_load_opts *o, char *err, size_t errlen)
{
    return load_sources(names, data, lens, n, NULL, o, err, errlen);
}

pv_model *pv_load_buffers_with_base(const char *const *names, const unsigned char *const *data, const size_t *lens,
                                    size_t n, const pv_base_opts *base, const pv_load_opts *o, char *err,
                                    size_t errlen)
{
    return load_sources(names, data, lens, n, base, o, err, errlen);
}

/* A structure-aware mutator for profile.proto, for libFuzzer's LLVMFuzzerCustomMutator.
 *
 * pm_mutate() parses the input as protobuf wire format with the profile.proto schema, applies
 * one to four edits at a random depth (change a varint by its meaning, delete, duplicate,
 * swap or insert a field, edit a packed repeated list or a string, retag a field, descend
 * into a sub-message) and writes the message back. Values are chosen with what the profile
 * holds in mind: string indices below the string table's size (and just past it), ids of
 * existing locations, functions and mappings (and 0, and one past the last), as many values
 * per sample as there are sample types, and the usual edge numbers (0, -1, INT64_MIN/MAX,
 * 2^31, 2^32). Input that is not protobuf (gzip, legacy text) and one call in six go to
 * libFuzzer's own byte mutations (LLVMFuzzerMutate), so the decoder's error paths stay in
 * reach.
 *
 * Set PVIEW_FUZZ_MUTATOR=plain in the environment to use byte mutation only (to measure what
 * the structure-aware mutations add). Include once, in a harness built with libFuzzer. */
#ifndef PVIEW_FUZZ_PROTOMUT_H
#define PVIEW_FUZZ_PROTOMUT_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

size_t LLVMFuzzerMutate(uint8_t *data, size_t size, size_t max_size);

enum { PM_PROFILE, PM_VT, PM_SAMPLE, PM_LABEL, PM_MAPPING, PM_LOCATION, PM_LINE, PM_FUNCTION, PM_NMSG };
/* what a field means, for choosing values */
enum { PK_NUM, PK_STR, PK_LOCID, PK_FNID, PK_MAPID, PK_BOOL, PK_ADDR, PK_PLOC, PK_PNUM, PK_PSTR, PK_BYTES, PK_MSG };

typedef struct {
    uint8_t field, kind, sub; /* sub: message type when kind == PK_MSG */
} pm_fdesc;

static const pm_fdesc pm_schema_profile[] = {
    {1, PK_MSG, PM_VT},   {2, PK_MSG, PM_SAMPLE}, {3, PK_MSG, PM_MAPPING}, {4, PK_MSG, PM_LOCATION},
    {5, PK_MSG, PM_FUNCTION}, {6, PK_BYTES, 0}, {7, PK_STR, 0},          {8, PK_STR, 0},
    {9, PK_NUM, 0},       {10, PK_NUM, 0},        {11, PK_MSG, PM_VT},     {12, PK_NUM, 0},
    {13, PK_PSTR, 0},     {14, PK_STR, 0},        {0, 0, 0}};
static const pm_fdesc pm_schema_vt[] = {{1, PK_STR, 0}, {2, PK_STR, 0}, {0, 0, 0}};
static const pm_fdesc pm_schema_sample[] = {{1, PK_PLOC, 0}, {2, PK_PNUM, 0}, {3, PK_MSG, PM_LABEL}, {0, 0, 0}};
static const pm_fdesc pm_schema_label[] = {{1, PK_STR, 0}, {2, PK_STR, 0}, {3, PK_NUM, 0}, {4, PK_STR, 0}, {0, 0, 0}};
static const pm_fdesc pm_schema_mapping[] = {{1, PK_MAPID, 0}, {2, PK_ADDR, 0}, {3, PK_ADDR, 0}, {4, PK_ADDR, 0},
                                             {5, PK_STR, 0},   {6, PK_STR, 0},  {7, PK_BOOL, 0}, {8, PK_BOOL, 0},
                                             {9, PK_BOOL, 0},  {10, PK_BOOL, 0}, {0, 0, 0}};
static const pm_fdesc pm_schema_location[] = {{1, PK_LOCID, 0}, {2, PK_MAPID, 0},        {3, PK_ADDR, 0},
                                              {4, PK_MSG, PM_LINE}, {5, PK_BOOL, 0}, {0, 0, 0}};
static const pm_fdesc pm_schema_line[] = {{1, PK_FNID, 0}, {2, PK_NUM, 0}, {0, 0, 0}};
static const pm_fdesc pm_schema_function[] = {{1, PK_FNID, 0}, {2, PK_STR, 0}, {3, PK_STR, 0},
                                              {4, PK_STR, 0},  {5, PK_NUM, 0}, {0, 0, 0}};
static const pm_fdesc *const pm_schema[PM_NMSG] = {pm_schema_profile, pm_schema_vt,       pm_schema_sample,
                                                   pm_schema_label,   pm_schema_mapping,  pm_schema_location,
                                                   pm_schema_line,    pm_schema_function};

/* strings worth having in a string table: units pprof scales, regex metacharacters, names */
static const char *const pm_strings[] = {
    "", "samples", "count", "cpu", "nanoseconds", "space", "bytes", "alloc_space", "inuse_space", "objects",
    "microseconds", "milliseconds", "seconds", "kilobytes", "megabytes", "B", "ms", "us", "ns", "%",
    "main.main", "runtime.main", "runtime.mallocgc", "runtime.goexit", "main.go", "/usr/bin/prog",
    "(*T).Method", "a.b.c", "pkg/sub.(*x).y.func1", ".*", "(", "[", "\\", "|", "$", "^main", "bytes=1kb",
    "key", "value", "thread", "pid", "operator new", "std::vector<int>::push_back", "\xff\xfe", "[kernel]",
    "[vdso]", "libc.so.6", "malloc", "runtime\\..*", "contentions", "delay"};

typedef struct {
    uint32_t field;
    uint8_t wire;
    uint64_t v;       /* varint, fixed64, fixed32 */
    const uint8_t *p; /* wire 2 */
    size_t len;
    uint8_t *own;     /* replaced bytes (owned) */
} pm_field;

typedef struct {
    uint64_t rng;
    size_t nstr, ntypes;
    uint64_t maxloc, maxfn, maxmap;
} pm_ctx;

static uint64_t pm_rand(pm_ctx *c)
{
    c->rng ^= c->rng << 13;
    c->rng ^= c->rng >> 7;
    c->rng ^= c->rng << 17;
    return c->rng;
}
static size_t pm_below(pm_ctx *c, size_t n) { return n ? (size_t)(pm_rand(c) % n) : 0; }

static int pm_varint(const uint8_t **p, const uint8_t *end, uint64_t *out)
{
    uint64_t v = 0;
    for (int s = 0; s < 70 && *p < end; s += 7) {
        uint8_t b = *(*p)++;
        if (s == 63 && b > 1)
            return -1;
        v |= (uint64_t)(b & 0x7f) << s;
        if (!(b & 0x80)) {
            *out = v;
            return 0;
        }
    }
    return -1;
}

/* Parses one message; returns the number of fields, or -1 if it is not well-formed wire
 * format. *out is malloc'd (free it). */
static const uint8_t pm_empty[1];

static long pm_parse(const uint8_t *d, size_t n, pm_field **out)
{
    if (!d)
        d = pm_empty, n = 0;
    size_t cap = 16, k = 0;
    pm_field *f = malloc(cap * sizeof *f);
    const uint8_t *p = d, *end = d + n;
    if (!f)
        return -1;
    while (p < end) {
        uint64_t key, v = 0;
        if (pm_varint(&p, end, &key) != 0 || (key >> 3) == 0 || (key >> 3) > 0x1fffffff)
            goto bad;
        pm_field x = {(uint32_t)(key >> 3), (uint8_t)(key & 7), 0, NULL, 0, NULL};
        switch (x.wire) {
        case 0:
            if (pm_varint(&p, end, &v) != 0)
                goto bad;
            x.v = v;
            break;
        case 1:
            if (end - p < 8)
                goto bad;
            memcpy(&x.v, p, 8);
            p += 8;
            break;
        case 5:
            if (end - p < 4)
                goto bad;
            memcpy(&v, p, 4);
            x.v = v;
            p += 4;
            break;
        case 2:
            if (pm_varint(&p, end, &v) != 0 || v > (uint64_t)(end - p))
                goto bad;
            x.p = p;
            x.len = (size_t)v;
            p += v;
            break;
        default:
            goto bad;
        }
        if (k == cap) {
            pm_field *g = realloc(f, 2 * cap * sizeof *f);
            if (!g)
                goto bad;
            f = g;
            cap *= 2;
        }
        f[k++] = x;
    }
    *out = f;
    return (long)k;
bad:
    free(f);
    return -1;
}

static void pm_fields_free(pm_field *f, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(f[i].own);
    free(f);
}

/* ---- a growable output buffer ---- */
typedef struct {
    uint8_t *p;
    size_t len, cap;
    int oom;
} pm_buf;

static void pm_put(pm_buf *b, const void *d, size_t n)
{
    if (b->oom)
        return;
    if (b->len + n > b->cap) {
        size_t nc = b->cap ? b->cap : 256;
        while (nc < b->len + n)
            nc *= 2;
        uint8_t *q = realloc(b->p, nc);
        if (!q) {
            b->oom = 1;
            return;
        }
        b->p = q;
        b->cap = nc;
    }
    if (n)
        memcpy(b->p + b->len, d, n);
    b->len += n;
}

static void pm_put_varint(pm_buf *b, uint64_t v)
{
    uint8_t t[10];
    size_t n = 0;
    do {
        t[n++] = (uint8_t)((v & 0x7f) | (v > 0x7f ? 0x80 : 0));
        v >>= 7;
    } while (v);
    pm_put(b, t, n);
}

static void pm_put_field(pm_buf *b, const pm_field *f)
{
    pm_put_varint(b, (uint64_t)f->field << 3 | f->wire);
    switch (f->wire) {
    case 0: pm_put_varint(b, f->v); break;
    case 1: pm_put(b, &f->v, 8); break;
    case 5: { uint32_t w = (uint32_t)f->v; pm_put(b, &w, 4); break; }
    default:
        pm_put_varint(b, f->len);
        pm_put(b, f->p, f->len);
        break;
    }
}

static const pm_fdesc *pm_desc(int msg, uint32_t field)
{
    for (const pm_fdesc *d = pm_schema[msg]; d->field; d++)
        if (d->field == field)
            return d;
    return NULL;
}

/* A value for a varint field of this kind. */
static uint64_t pm_value(pm_ctx *c, int kind, uint64_t old)
{
    static const uint64_t edge[] = {0, 1, 2, 3, 7, 0x7f, 0x80, 0xff, 0x7fffffff, 0x80000000, 0xffffffff, 0x100000000,
                                    1000, 1000000, 1000000000, (uint64_t)INT64_MAX, (uint64_t)INT64_MIN,
                                    (uint64_t)-1, (uint64_t)-2, (uint64_t)-1000000};
    size_t r = pm_below(c, 16);
    switch (kind) {
    case PK_STR:
        if (r < 11)
            return pm_below(c, c->nstr + 1);
        break;
    case PK_LOCID:
        if (r < 11)
            return pm_below(c, c->maxloc + 2);
        break;
    case PK_FNID:
        if (r < 11)
            return pm_below(c, c->maxfn + 2);
        break;
    case PK_MAPID:
        if (r < 11)
            return pm_below(c, c->maxmap + 2);
        break;
    case PK_BOOL:
        if (r < 12)
            return !old;
        break;
    case PK_ADDR:
        if (r < 6)
            return old + (pm_rand(c) % 64) - 32;
        if (r < 9)
            return 0x400000 + pm_below(c, 0x10000);
        break;
    default:
        if (r < 4)
            return old + 1;
        if (r < 6)
            return old - 1;
        if (r < 7)
            return 0 - old; /* negated, as the two's complement int64 */
        if (r < 8)
            return old * 2;
        break;
    }
    if (pm_below(c, 4) == 0)
        return pm_rand(c) >> pm_below(c, 64);
    return edge[pm_below(c, sizeof edge / sizeof edge[0])];
}

/* Encodes a packed list of n values of this kind. */
static void pm_gen_packed(pm_ctx *c, pm_buf *b, int kind, size_t n)
{
    for (size_t i = 0; i < n; i++)
        pm_put_varint(b, pm_value(c, kind == PK_PLOC ? PK_LOCID : kind == PK_PSTR ? PK_STR : PK_NUM, 0));
}

static void pm_gen_msg(pm_ctx *c, int msg, pm_buf *b, int depth);

/* A new field of message msg (its value freshly made), appended to b whole (key included). */
static void pm_gen_field(pm_ctx *c, int msg, const pm_fdesc *d, pm_buf *b, int depth)
{
    pm_field f = {d->field, 0, 0, NULL, 0, NULL};
    pm_buf sub = {0};
    switch (d->kind) {
    case PK_MSG:
        pm_gen_msg(c, d->sub, &sub, depth + 1);
        f.wire = 2;
        break;
    case PK_PLOC: pm_gen_packed(c, &sub, d->kind, 1 + pm_below(c, 5)); f.wire = 2; break;
    case PK_PNUM:
        pm_gen_packed(c, &sub, d->kind, pm_below(c, 4) ? (c->ntypes ? c->ntypes : 1) : pm_below(c, 4));
        f.wire = 2;
        break;
    case PK_PSTR: pm_gen_packed(c, &sub, d->kind, 1 + pm_below(c, 2)); f.wire = 2; break;
    case PK_BYTES: {
        const char *s = pm_strings[pm_below(c, sizeof pm_strings / sizeof pm_strings[0])];
        pm_put(&sub, s, strlen(s));
        f.wire = 2;
        break;
    }
    default:
        f.v = pm_value(c, d->kind, 0);
        /* a new id is one past the last, most of the time: a valid-looking profile */
        if (msg == PM_LOCATION && d->field == 1 && pm_below(c, 4))
            f.v = ++c->maxloc;
        if (msg == PM_FUNCTION && d->field == 1 && pm_below(c, 4))
            f.v = ++c->maxfn;
        if (msg == PM_MAPPING && d->field == 1 && pm_below(c, 4))
            f.v = ++c->maxmap;
        break;
    }
    if (f.wire == 2) {
        f.p = sub.p ? sub.p : pm_empty;
        f.len = sub.len;
    }
    pm_put_field(b, &f);
    free(sub.p);
}

/* A small, plausible message of type msg. */
static void pm_gen_msg(pm_ctx *c, int msg, pm_buf *b, int depth)
{
    if (depth > 3)
        return;
    for (const pm_fdesc *d = pm_schema[msg]; d->field; d++) {
        if (msg == PM_PROFILE)
            break;
        int want = d->field == 1 || pm_below(c, 3) != 0;
        if (d->kind == PK_MSG)
            want = pm_below(c, 3) == 0 || (msg == PM_LOCATION && d->field == 4 && pm_below(c, 4));
        if (want)
            pm_gen_field(c, msg, d, b, depth);
    }
}

static int pm_mutate_msg(pm_ctx *c, int msg, const uint8_t *in, size_t n, pm_buf *out, int depth);

/* Edits a packed list of varints in place of f (new bytes owned by f). */
static void pm_mutate_packed(pm_ctx *c, pm_field *f, int kind)
{
    uint64_t v[256];
    size_t k = 0;
    const uint8_t *p = f->p ? f->p : pm_empty, *end = p + f->len;
    while (p < end && k < 256 && pm_varint(&p, end, &v[k]) == 0)
        k++;
    int vk = kind == PK_PLOC ? PK_LOCID : kind == PK_PSTR ? PK_STR : PK_NUM;
    switch (pm_below(c, 5)) {
    case 0: /* insert */
        if (k < 256) {
            size_t at = pm_below(c, k + 1);
            memmove(v + at + 1, v + at, (k - at) * sizeof *v);
            v[at] = pm_value(c, vk, 0);
            k++;
        }
        break;
    case 1: /* delete */
        if (k) {
            size_t at = pm_below(c, k);
            memmove(v + at, v + at + 1, (k - at - 1) * sizeof *v);
            k--;
        }
        break;
    case 2: /* duplicate (recursion in a stack) */
        if (k && k < 256) {
            size_t at = pm_below(c, k);
            memmove(v + at + 1, v + at, (k - at) * sizeof *v);
            k++;
        }
        break;
    default: /* change */
        if (k) {
            size_t at = pm_below(c, k);
            v[at] = pm_value(c, vk, v[at]);
        } else {
            v[k++] = pm_value(c, vk, 0);
        }
        break;
    }
    pm_buf b = {0};
    for (size_t i = 0; i < k; i++)
        pm_put_varint(&b, v[i]);
    free(f->own);
    f->own = b.p;
    f->p = b.p ? b.p : pm_empty;
    f->len = b.len;
}

/* One edit somewhere in the message fields f[0..*n) (cap entries). */
static void pm_edit(pm_ctx *c, int msg, pm_field **fp, size_t *n, size_t *cap, int depth)
{
    pm_field *f = *fp;
    size_t op = pm_below(c, 16);
    size_t i = pm_below(c, *n);
    const pm_fdesc *d = *n ? pm_desc(msg, f[i].field) : NULL;
    if (*n == 0)
        op = 6; /* nothing to edit: insert */
    if (op < 5 && d) { /* change a value, by meaning */
        if (d->kind == PK_MSG && f[i].wire == 2) {
            pm_buf b = {0};
            if (pm_mutate_msg(c, d->sub, f[i].p, f[i].len, &b, depth + 1) == 0) {
                free(f[i].own);
                f[i].own = b.p;
                f[i].p = b.p ? b.p : pm_empty;
                f[i].len = b.len;
            } else {
                free(b.p);
            }
        } else if ((d->kind == PK_PLOC || d->kind == PK_PNUM || d->kind == PK_PSTR) && f[i].wire == 2) {
            pm_mutate_packed(c, &f[i], d->kind);
        } else if (d->kind == PK_BYTES && f[i].wire == 2) {
            size_t room = f[i].len + 16;
            uint8_t *s = malloc(room);
            if (!s)
                return;
            size_t len = f[i].len;
            if (pm_below(c, 2)) {
                const char *w = pm_strings[pm_below(c, sizeof pm_strings / sizeof pm_strings[0])];
                len = strlen(w) < room ? strlen(w) : room;
                memcpy(s, w, len);
            } else {
                memcpy(s, f[i].p, len);
                len = LLVMFuzzerMutate(s, len, room);
            }
            free(f[i].own);
            f[i].own = s;
            f[i].p = s;
            f[i].len = len;
        } else if (f[i].wire == 0) {
            f[i].v = pm_value(c, d->kind, f[i].v);
        }
        return;
    }
    if (op < 7 || (op < 8 && !d)) { /* insert a new field */
        const pm_fdesc *all = pm_schema[msg];
        size_t nd = 0;
        while (all[nd].field)
            nd++;
        const pm_fdesc *nd_ = &all[pm_below(c, nd)];
        pm_buf b = {0};
        pm_gen_field(c, msg, nd_, &b, depth);
        pm_field *g = NULL;
        long k = b.oom ? -1 : pm_parse(b.p, b.len, &g);
        if (k == 1) {
            if (*n == *cap) {
                pm_field *h = realloc(f, (*cap * 2 + 1) * sizeof *f);
                if (!h) {
                    free(g);
                    free(b.p);
                    return;
                }
                *fp = f = h;
                *cap = *cap * 2 + 1;
            }
            size_t at = pm_below(c, *n + 1);
            /* the new field's bytes point into b: copy them into an owned buffer */
            g[0].own = NULL;
            if (g[0].wire == 2) {
                uint8_t *o = malloc(g[0].len ? g[0].len : 1);
                if (!o) {
                    free(g);
                    free(b.p);
                    return;
                }
                memcpy(o, g[0].p, g[0].len);
                g[0].own = o;
                g[0].p = o;
            }
            memmove(f + at + 1, f + at, (*n - at) * sizeof *f);
            f[at] = g[0];
            (*n)++;
        }
        free(g);
        free(b.p);
        return;
    }
    if (op < 10) { /* duplicate a field (e.g. a sample) */
        if (*n == *cap) {
            pm_field *h = realloc(f, (*cap * 2 + 1) * sizeof *f);
            if (!h)
                return;
            *fp = f = h;
            *cap = *cap * 2 + 1;
        }
        pm_field x = f[i];
        if (x.own) {
            uint8_t *o = malloc(x.len ? x.len : 1);
            if (!o)
                return;
            memcpy(o, x.p, x.len);
            x.own = o;
            x.p = o;
        }
        size_t at = pm_below(c, 2) ? i + 1 : pm_below(c, *n + 1);
        memmove(f + at + 1, f + at, (*n - at) * sizeof *f);
        f[at] = x;
        (*n)++;
        return;
    }
    if (op < 12) { /* delete */
        free(f[i].own);
        memmove(f + i, f + i + 1, (*n - i - 1) * sizeof *f);
        (*n)--;
        return;
    }
    if (op < 14) { /* swap two fields (order matters: first sample type, first mapping) */
        size_t j = pm_below(c, *n);
        pm_field t = f[i];
        f[i] = f[j];
        f[j] = t;
        return;
    }
    if (op < 15) { /* retag: another field number of this message, or wire type */
        const pm_fdesc *all = pm_schema[msg];
        size_t nd = 0;
        while (all[nd].field)
            nd++;
        if (pm_below(c, 4))
            f[i].field = all[pm_below(c, nd)].field;
        else
            f[i].field = (uint32_t)(1 + pm_below(c, 20));
        return;
    }
    /* a varint field: a raw random value */
    if (f[i].wire == 0)
        f[i].v = pm_rand(c);
}

/* Parses in as message msg, makes one to four edits, writes the result to out. Returns 0, or
 * -1 when in is not wire format. */
static int pm_mutate_msg(pm_ctx *c, int msg, const uint8_t *in, size_t n, pm_buf *out, int depth)
{
    pm_field *f = NULL;
    long k = pm_parse(in, n, &f);
    if (k < 0)
        return -1;
    size_t nf = (size_t)k, cap = nf > 16 ? nf : 16;
    pm_field *g = realloc(f, cap * sizeof *f);
    if (!g) {
        free(f);
        return -1;
    }
    f = g;
    size_t edits = depth ? 1 : 1 + pm_below(c, 4);
    for (size_t e = 0; e < edits; e++)
        pm_edit(c, msg, &f, &nf, &cap, depth);
    for (size_t i = 0; i < nf; i++)
        pm_put_field(out, &f[i]);
    pm_fields_free(f, nf);
    return out->oom ? -1 : 0;
}

/* What the profile holds: string count, sample types, largest ids. */
static void pm_survey(pm_ctx *c, const uint8_t *d, size_t n)
{
    pm_field *f = NULL;
    long k = pm_parse(d, n, &f);
    for (long i = 0; i < k; i++) {
        uint32_t fl = f[i].field;
        if (f[i].wire != 2)
            continue;
        if (fl == 6)
            c->nstr++;
        else if (fl == 1)
            c->ntypes++;
        else if (fl == 3 || fl == 4 || fl == 5) {
            const uint8_t *p = f[i].p, *end = f[i].p + f[i].len;
            uint64_t key, v;
            if (pm_varint(&p, end, &key) == 0 && key == 8 && pm_varint(&p, end, &v) == 0 && v < (1u << 20)) {
                uint64_t *mx = fl == 3 ? &c->maxmap : fl == 4 ? &c->maxloc : &c->maxfn;
                if (v > *mx)
                    *mx = v;
            }
        }
    }
    free(f);
}

/* The mutation: data[0..size) holds a profile (raw protobuf); at most max bytes. */
static size_t pm_mutate(uint8_t *data, size_t size, size_t max, unsigned seed)
{
    static int plain = -1;
    if (plain < 0) {
        const char *e = getenv("PVIEW_FUZZ_MUTATOR");
        plain = e && !strcmp(e, "plain");
    }
    pm_ctx c = {0};
    c.rng = (uint64_t)seed * 0x9e3779b97f4a7c15ull + 1;
    if (plain || pm_below(&c, 6) == 0)
        return LLVMFuzzerMutate(data, size, max);
    pm_survey(&c, data, size);
    pm_buf out = {0};
    if (pm_mutate_msg(&c, PM_PROFILE, data, size, &out, 0) != 0 || out.len > max || out.len == 0) {
        free(out.p);
        return LLVMFuzzerMutate(data, size, max);
    }
    memcpy(data, out.p, out.len);
    free(out.p);
    return out.len;
}

#endif

/* Samples: the bulk of a profile, decoded by hand straight into flat arrays, a share of
 * them per thread, equal samples merged as pprof's merge does. */
#include <inttypes.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "profile/load_int.h"

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


void pv_ld_sink_free(sink *k)
{
    free(k->stack);
    free(k->stack_off);
    free(k->label_off);
    free(k->values);
    free(k->labels);
    free(k->sslots);
    free(k->vals);
    free(k->zlocs);
    free(k->zstrs);
}

int pv_ld_sink_init(sink *k, const loader *L, size_t ntypes, const uint8_t *begin, const uint8_t *end,
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
    size_t ns = 4096; /* grown past the probe only while merging pays */
    while (ns < (count < PV_LD_PROBE ? count : PV_LD_PROBE) * 2)
        ns *= 2;
    k->sslots = pv_calloc_written(ns, sizeof *k->sslots);
    k->nsslots = ns;
    if (!k->stack || !k->stack_off || !k->label_off || !k->values || !k->vals || !k->sslots)
        return -1;
    pv_hint_huge(k->stack, bytes * sizeof *k->stack);
    pv_hint_huge(k->values, count * nt * sizeof *k->values);
    pv_hint_huge(k->sslots, ns * sizeof *k->sslots); /* probed at random: huge pages spare TLB misses */
    k->stack_off[0] = 0;
    k->label_off[0] = 0;
    k->cap_stack = bytes;
    k->cap_n = count;
    return 0;
}

/* The arrays of a stream's sink, ids ids and n samples (as many as will come, or more). */
static int stream_arrays(sink *k, size_t ids, size_t n)
{
    size_t nt = k->ntypes ? k->ntypes : 1;
    k->cap_stack = ids;
    k->cap_n = n;
    k->stack = malloc(ids * sizeof *k->stack);
    k->stack_off = malloc((n + 1) * sizeof *k->stack_off);
    k->label_off = malloc((n + 1) * sizeof *k->label_off);
    k->values = malloc(n * nt * sizeof *k->values);
    if (k->stack && k->stack_off && k->label_off && k->values)
        return 0;
    free(k->stack);
    free(k->stack_off);
    free(k->label_off);
    free(k->values);
    k->stack = NULL;
    k->stack_off = k->label_off = NULL;
    k->values = NULL;
    return -1;
}

int pv_ld_sink_init_stream(sink *k, size_t ntypes, size_t ids, size_t samples, size_t labels, size_t sslots)
{
    memset(k, 0, sizeof *k);
    k->raw = true;
    k->ntypes = ntypes;
    k->e = (errbuf){k->err, sizeof k->err, "stream"};
    /* room for the batch of samples not merged yet */
    ids += 1 << 10;
    samples += PV_LD_BATCH;
    /* a reservation (large and untouched) may fail where small arrays, grown, would not */
    if (stream_arrays(k, ids, samples) != 0 && stream_arrays(k, 1 << 16, 1 << 10) != 0)
        return -1;
    size_t nt = ntypes ? ntypes : 1;
    k->vals = malloc(nt * sizeof *k->vals);
    k->nsslots = 4096;
    while (k->nsslots < 2 * (sslots + PV_LD_BATCH + 1))
        k->nsslots *= 2;
    k->sslots = pv_calloc_written(k->nsslots, sizeof *k->sslots);
    if (labels) {
        k->cap_label = labels;
        k->labels = malloc(k->cap_label * sizeof *k->labels);
    }
    if (!k->vals || !k->sslots || (labels && !k->labels))
        return -1;
    k->stack_off[0] = 0;
    k->label_off[0] = 0;
    return 0;
}

/* Room for ids ids and n samples in all. */
static int sink_room(sink *k, size_t ids, size_t n)
{
    if (ids > k->cap_stack) {
        size_t c = k->cap_stack * 2;
        if (c < ids)
            c = ids;
        uint32_t *ns = realloc(k->stack, c * sizeof *ns);
        if (!ns)
            return -1;
        k->stack = ns;
        k->cap_stack = c;
    }
    if (n > k->cap_n) {
        size_t c = k->cap_n * 2, nt = k->ntypes ? k->ntypes : 1;
        if (c < n)
            c = n;
        uint64_t *so = realloc(k->stack_off, (c + 1) * sizeof *so);
        if (so)
            k->stack_off = so;
        uint64_t *lo = realloc(k->label_off, (c + 1) * sizeof *lo);
        if (lo)
            k->label_off = lo;
        int64_t *va = realloc(k->values, c * nt * sizeof *va);
        if (va)
            k->values = va;
        if (!so || !lo || !va)
            return -1;
        k->cap_n = c;
    }
    return 0;
}

/* Room for one more sample of len bytes (one id per byte at most), and a merge table at most
 * half full. The arrays of a sink sized up front (pv_ld_sink_init) never grow; its merge
 * table does, while it merges. */
static int sink_reserve(sink *k, size_t len)
{
    if (sink_room(k, k->stack_off[k->n] + len, k->n + 1) != 0)
        return -1;
    if (!k->unmerged && (k->n + 1) * 2 > k->nsslots) { /* the slots keep the hash's top half: enough to move them */
        size_t n = k->nsslots * 2;
        uint64_t *ns = pv_calloc_written(n, sizeof *ns);
        if (!ns)
            return -1;
        for (size_t i = 0; i < k->nsslots; i++) {
            uint64_t v = k->sslots[i];
            if (!v)
                continue;
            size_t j = (v >> 32) & (n - 1);
            while (ns[j])
                j = (j + 1) & (n - 1);
            ns[j] = v;
        }
        free(k->sslots);
        k->sslots = ns;
        k->nsslots = n;
    }
    return 0;
}

static pv_strid sink_str(sink *k, int64_t idx, int *bad)
{
    if (k->raw) { /* mapped later (pv_ld_sink_remap) */
        if (idx < 0 || idx >= (int64_t)PV_NONE) {
            pv_ld_fail(&k->e, "malformed profile: string index %" PRId64 " out of range", idx);
            *bad = 1;
            return 0;
        }
        return (pv_strid)idx;
    }
    return pv_ld_map_str(k->L, &k->e, idx, bad);
}

/* The sample of k equal to (stack, labels), whose hash has tag as its top half, among the
 * samples in the merge table: its index, or -1 with *slot the empty slot where it would go. */
static int64_t find_sample(const sink *k, uint64_t tag, const uint32_t *stack, size_t n, const pv_label *labels,
                           size_t nl, size_t *slot)
{
    size_t mask = k->nsslots - 1, j = tag & mask;
    for (; k->sslots[j]; j = (j + 1) & mask) {
        uint64_t v = k->sslots[j];
        if (v >> 32 != tag)
            continue;
        size_t s = (uint32_t)v - 1;
        if (k->stack_off[s + 1] - k->stack_off[s] == n && k->label_off[s + 1] - k->label_off[s] == nl &&
            memcmp(k->stack + k->stack_off[s], stack, n * sizeof *stack) == 0 &&
            (nl == 0 || labels_equal(k->labels + k->label_off[s], labels, nl)))
            return (int64_t)s;
    }
    *slot = j;
    return -1;
}

/* pprof merges samples whose stacks and labels are equal, summing their values; the
 * report is the same either way, and the model gets smaller and faster to walk.
 * The last k->nb samples appended (the batch, hashes in k->bh) are merged here in order:
 * each one equal to an earlier sample adds its values there and is taken out, the others
 * move down over the gaps and enter the table. Looking a sample up waits on three memory
 * reads in a row (its slot, the offsets of the sample the slot names, that sample's ids), so
 * each is prefetched for the whole batch before the next is read. */
static void merge_batch(sink *k)
{
    size_t nb = k->nb, first = k->n - nb, nt = k->ntypes, mask = k->nsslots - 1;
    k->nb = 0;
    uint64_t so[PV_LD_BATCH + 1], lo[PV_LD_BATCH + 1]; /* the batch's offsets before moving */
    for (size_t b = 0; b <= nb; b++) {
        so[b] = k->stack_off[first + b];
        lo[b] = k->label_off[first + b];
    }
    for (size_t b = 0; b < nb; b++)
        __builtin_prefetch(&k->sslots[(k->bh[b] >> 32) & mask]);
    for (size_t b = 0; b < nb; b++) {
        uint64_t v = k->sslots[(k->bh[b] >> 32) & mask];
        if (v && v >> 32 == k->bh[b] >> 32)
            __builtin_prefetch(&k->stack_off[(uint32_t)v - 1]);
    }
    for (size_t b = 0; b < nb; b++) {
        uint64_t v = k->sslots[(k->bh[b] >> 32) & mask];
        if (v && v >> 32 == k->bh[b] >> 32)
            __builtin_prefetch(k->stack + k->stack_off[(uint32_t)v - 1]);
    }
    size_t w = first;
    for (size_t b = 0; b < nb; b++) {
        size_t idx = first + b, len = (size_t)(so[b + 1] - so[b]), nl = (size_t)(lo[b + 1] - lo[b]);
        const uint32_t *stack = k->stack + so[b];
        const pv_label *labels = nl ? k->labels + lo[b] : NULL;
        size_t slot;
        int64_t at = find_sample(k, k->bh[b] >> 32, stack, len, labels, nl, &slot);
        if (at >= 0) {
            int64_t *vv = k->values + (size_t)at * nt;
            const int64_t *mine = k->values + idx * nt;
            for (size_t t = 0; t < nt; t++)
                vv[t] = (int64_t)((uint64_t)vv[t] + (uint64_t)mine[t]); /* wraps like Go's int64 */
            continue;
        }
        if (w != idx) { /* down over the samples merged before it */
            memmove(k->stack + k->stack_off[w], stack, len * sizeof *stack);
            if (nl)
                memmove(k->labels + k->label_off[w], labels, nl * sizeof *labels);
            memmove(k->values + w * nt, k->values + idx * nt, nt * sizeof *k->values);
        }
        k->stack_off[w + 1] = k->stack_off[w] + len;
        k->label_off[w + 1] = k->label_off[w] + nl;
        k->sslots[slot] = (k->bh[b] >> 32) << 32 | ((uint64_t)w + 1);
        w++;
    }
    k->nmerged += first + nb - w;
    k->n = w;
    if (!k->probed && k->n + k->nmerged >= PV_LD_PROBE) {
        k->probed = true;
        if (k->nmerged * 4 < k->n + k->nmerged)
            pv_ld_sink_unmerge(k);
    }
}

void pv_ld_sink_unmerge(sink *k)
{
    k->unmerged = k->probed = true;
    free(k->sslots);
    k->sslots = NULL;
    k->nsslots = 0;
}

/* Ends the sample written at index k->n (its len ids and nl labels after the samples
 * before it, its values in place): it joins the batch, which is merged once full. */
static void push_sample(sink *k, size_t len, size_t nl)
{
    const pv_label *labels = nl ? k->labels + k->label_off[k->n] : NULL;
    k->stack_off[k->n + 1] = k->stack_off[k->n] + len;
    k->label_off[k->n + 1] = k->label_off[k->n] + nl;
    if (k->unmerged) {
        k->n++;
        return;
    }
    k->bh[k->nb++] = sample_hash(k->stack + k->stack_off[k->n], len, labels, nl);
    k->n++;
    if (k->nb == PV_LD_BATCH)
        merge_batch(k);
}

/* A dropped sample's raw references, still to be checked by pv_ld_sink_remap (the whole
 * decode refuses a file whose dropped sample names an unknown location or string). */
static int keep_refs(sink *k, const uint32_t *ids, size_t n, const pv_label *labels, size_t nl)
{
    if (pv_grow((void **)&k->zlocs, &k->cap_zlocs, k->nzlocs + n, sizeof *k->zlocs) != 0 ||
        pv_grow((void **)&k->zstrs, &k->cap_zstrs, k->nzstrs + 3 * nl, sizeof *k->zstrs) != 0)
        return -1;
    if (n)
        memcpy(k->zlocs + k->nzlocs, ids, n * sizeof *ids);
    k->nzlocs += n;
    for (size_t i = 0; i < nl; i++) {
        k->zstrs[k->nzstrs++] = labels[i].key;
        k->zstrs[k->nzstrs++] = labels[i].str;
        k->zstrs[k->nzstrs++] = labels[i].num_unit;
    }
    return 0;
}

/* A raw location id as a streamed sink keeps it: id - 1, so that a profile whose ids are
 * 1..n in the order of its locations needs no mapping (pv_ld_sink_remap); PV_NONE for 0 and
 * for ids beyond 32 bits (the whole decode then reads the profile). */
static inline uint32_t raw_id(uint64_t v)
{
    return v - 1 < (uint64_t)PV_NONE - 1 ? (uint32_t)(v - 1) : PV_NONE;
}

/* Samples are the bulk of a profile (millions, each with tens of frames), so they are
 * decoded by hand straight into the sink's arrays: no intermediate message, no uint64 id
 * array per sample. The other messages go through protobuf-c. */
static inline __attribute__((always_inline)) int add_sample_in(sink *k, const wfield *f, const bool raw)
{
    const loader *L = k->L;
    size_t ntypes = k->ntypes;
    if (sink_reserve(k, f->len) != 0)
        goto oom;
    int64_t *vals = k->vals;
    reader r = {f->data, f->data + f->len};
    uint32_t *dst = k->stack + k->stack_off[k->n];
    size_t nloc = 0, nval = 0, nl = 0;
    uint64_t lab0 = k->label_off[k->n];
    int64_t vkey = -1; /* raw: the largest key of the labels without a value so far */
    wfield g;
    const char *why = NULL;
    int rc;
    int bad = 0;
    while ((rc = pv_ld_next_field(&r, &g, &why)) == 1) {
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
                const uint32_t *direct = raw ? NULL : L->locs.direct;
                uint64_t ndirect = raw ? 0 : L->locs.ndirect;
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
                        if (pv_ld_read_varint(&vr, &v) != 0) {
                            why = "bad varint";
                            goto malformed;
                        }
                        q = vr.p;
                    }
                    uint32_t li = raw           ? raw_id(v)
                                  : v < ndirect ? direct[v]
                                                : pv_idmap_get(&L->locs, v);
                    if (li == PV_NONE) {
                        pv_ld_fail(&k->e, "malformed profile: sample refers to unknown location id %" PRIu64, v);
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
                    if (pv_ld_read_varint(&pr, &v) != 0) {
                        why = "bad varint";
                        goto malformed;
                    }
                } else {
                    v = one;
                }
                if (g.field == 1) {
                    /* capacity: the stack array was sized to one id per byte of sample data */
                    uint32_t li = raw ? raw_id(v) : pv_idmap_get(&L->locs, v);
                    if (li == PV_NONE) {
                        pv_ld_fail(&k->e, "malformed profile: sample refers to unknown location id %" PRIu64, v);
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
            while ((lrc = pv_ld_next_field(&lr, &h, &why)) == 1) {
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
                /* pprof keeps neither kind for a label with no value; its key is checked
                 * only when a label with one follows (below) */
                if (raw && lf[1] > vkey)
                    vkey = lf[1];
                continue;
            }
            if (bad)
                return -1;
            if (raw && vkey >= 0) { /* a raw index: checked once the string table is known */
                if (pv_grow((void **)&k->zstrs, &k->cap_zstrs, k->nzstrs + 1, sizeof *k->zstrs) != 0)
                    goto oom;
                k->zstrs[k->nzstrs++] = (uint32_t)vkey;
                vkey = -1;
            }
            if (pv_grow((void **)&k->labels, &k->cap_label, lab0 + nl + 1, sizeof *k->labels) != 0)
                goto oom;
            k->labels[lab0 + nl++] = lab;
        }
    }
    if (rc < 0)
        goto malformed;
    if (nval != ntypes) {
        pv_ld_fail(&k->e, "malformed profile: mismatch: sample has %zu values vs. %zu types", nval, ntypes);
        return -1;
    }
    bool zero = true;
    for (size_t i = 0; i < ntypes; i++)
        if (vals[i] != 0)
            zero = false;
    if (zero) /* pprof's merge drops samples whose values are all zero */
        return raw ? keep_refs(k, dst, nloc, k->labels ? k->labels + lab0 : NULL, nl) : 0;
    memcpy(k->values + k->n * ntypes, vals, ntypes * sizeof *k->values);
    if (raw) {
        uint32_t mx = k->maxid;
        for (size_t i = 0; i < nloc; i++)
            mx = dst[i] > mx ? dst[i] : mx;
        k->maxid = mx;
    }
    push_sample(k, nloc, nl);
    return 0;
malformed:
    pv_ld_fail(&k->e, "malformed profile: sample: %s", why);
    return -1;
oom:
    pv_ld_fail(&k->e, "out of memory");
    return -1;
}

static int add_sample(sink *k, const wfield *f)
{
    return add_sample_in(k, f, false);
}

int pv_ld_sink_add_raw(sink *k, const uint8_t *p, size_t len)
{
    wfield f = {2, 2, 0, p, len};
    return add_sample_in(k, &f, true);
}

void pv_ld_sink_finish(sink *k)
{
    if (k->nb)
        merge_batch(k);
}

int pv_ld_sink_concat(sink *into, sink *from)
{
    size_t nt = into->ntypes ? into->ntypes : 1;
    if (from->ntypes != into->ntypes)
        return -1;
    uint64_t sbase = into->stack_off[into->n], lbase = into->label_off[into->n];
    uint64_t nids = from->stack_off[from->n], nlab = from->label_off[from->n];
    if (sink_room(into, sbase + nids, into->n + from->n) != 0 ||
        (nlab && pv_grow((void **)&into->labels, &into->cap_label, lbase + nlab, sizeof *into->labels) != 0) ||
        pv_grow((void **)&into->zlocs, &into->cap_zlocs, into->nzlocs + from->nzlocs, sizeof *into->zlocs) != 0 ||
        pv_grow((void **)&into->zstrs, &into->cap_zstrs, into->nzstrs + from->nzstrs, sizeof *into->zstrs) != 0)
        return -1;
    if (nids)
        memcpy(into->stack + sbase, from->stack, nids * sizeof *from->stack);
    if (nlab)
        memcpy(into->labels + lbase, from->labels, nlab * sizeof *from->labels);
    if (from->n)
        memcpy(into->values + into->n * nt, from->values, from->n * nt * sizeof *from->values);
    for (size_t i = 1; i <= from->n; i++) {
        into->stack_off[into->n + i] = sbase + from->stack_off[i];
        into->label_off[into->n + i] = lbase + from->label_off[i];
    }
    into->n += from->n;
    if (from->maxid > into->maxid)
        into->maxid = from->maxid;
    if (from->nzlocs)
        memcpy(into->zlocs + into->nzlocs, from->zlocs, from->nzlocs * sizeof *from->zlocs);
    if (from->nzstrs)
        memcpy(into->zstrs + into->nzstrs, from->zstrs, from->nzstrs * sizeof *from->zstrs);
    into->nzlocs += from->nzlocs;
    into->nzstrs += from->nzstrs;
    return 0;
}

typedef struct {
    uint32_t *stack;
    uint64_t from, to;
    const pv_idmap *locs;
    uint32_t nshift, base; /* nshift > 0: the ids are exactly 1..nshift, kept as v - 1 at base + v - 1 */
    int rc;
} remap_job;

static void *remap_run(void *arg)
{
    remap_job *j = arg;
    const uint32_t *direct = j->locs->direct;
    uint64_t ndirect = j->locs->ndirect;
    j->rc = 0;
    if (j->nshift) { /* an addition, vectorized, instead of a lookup per id */
        uint32_t *st = j->stack, n = j->nshift, base = j->base, bad = 0;
        for (uint64_t i = j->from; i < j->to; i++) {
            uint32_t d = st[i];
            bad |= d >= n;
            st[i] = d + base;
        }
        j->rc = bad ? -1 : 0;
        return NULL;
    }
    for (uint64_t i = j->from; i < j->to; i++) {
        uint64_t v = (uint64_t)j->stack[i] + 1; /* kept as id - 1 (raw_id) */
        uint32_t li = v < ndirect ? direct[v] : pv_idmap_get(j->locs, v);
        if (li == PV_NONE) {
            j->rc = -1;
            break;
        }
        j->stack[i] = li;
    }
    return NULL;
}

int pv_ld_sink_remap(sink *k, const loader *L)
{
    uint64_t nf = k->stack_off[k->n], nl = k->label_off[k->n];
    /* the stacks, in two halves on two threads when they are long (this is after the
     * download: every millisecond is waited for) */
    remap_job a = {k->stack, 0, nf, &L->locs, 0, 0, 0}, b;
    /* a Go profile numbers its locations 1..n in the order it writes them: then id v is
     * location base + v - 1 (checked here once) */
    const pv_idmap *lm = &L->locs;
    if (lm->count == 0 && lm->ndirect > 1 && lm->direct[0] == PV_NONE && lm->direct[1] != PV_NONE) {
        uint32_t n = 1;
        while (n + 1 < lm->ndirect && lm->direct[n + 1] == lm->direct[1] + n)
            n++;
        bool rest_empty = true;
        for (size_t i = n + 1; i < lm->ndirect && rest_empty; i++)
            rest_empty = lm->direct[i] == PV_NONE;
        if (rest_empty) {
            a.nshift = n;
            a.base = lm->direct[1];
        }
    }
    /* and when id 1 is location 0 (one profile), an id kept as id - 1 is its location: no
     * pass at all once the largest (tracked as the samples came) is in range */
    bool identity = a.nshift && a.base == 0 && (nf == 0 || k->maxid < a.nshift);
    b = a;
    if (!identity && pv_parallel_worth(nf, 1u << 20)) {
        a.to = b.from = nf / 2;
        pv_run_two(remap_run, &a, &b);
    } else if (!identity) {
        remap_run(&a);
    }
    if (a.rc || b.rc)
        return -1;
    for (size_t i = 0; i < k->nzlocs; i++)
        if (k->zlocs[i] == PV_NONE || pv_idmap_get(&L->locs, (uint64_t)k->zlocs[i] + 1) == PV_NONE)
            return -1;
    for (size_t i = 0; i < k->nzstrs; i++)
        if (k->zstrs[i] >= L->nstr)
            return -1;
    if (nl == 0)
        return 0;
    /* equal labels must stay equal after mapping: a string the table holds twice would
     * merge samples that the raw indices kept apart */
    size_t ns = pv_nstrings(L->m);
    uint8_t *seen = calloc(ns / 8 + 1, 1);
    if (!seen)
        return -1;
    int rc = 0;
    for (size_t i = 0; i < L->nstr && rc == 0; i++) {
        pv_strid s = L->strmap[i];
        if (s < ns && (seen[s / 8] & (1u << (s % 8))))
            rc = -1;
        else if (s < ns)
            seen[s / 8] |= (uint8_t)(1u << (s % 8));
    }
    free(seen);
    if (rc != 0)
        return -1;
    for (uint64_t i = 0; i < nl; i++) {
        pv_label *lab = &k->labels[i];
        if (lab->key >= L->nstr || lab->str >= L->nstr || lab->num_unit >= L->nstr)
            return -1;
        lab->key = L->strmap[lab->key];
        lab->str = L->strmap[lab->str];
        lab->num_unit = L->strmap[lab->num_unit];
    }
    return 0;
}

void *pv_ld_sink_run(void *arg)
{
    sink *k = arg;
    reader rd = {k->begin, k->end};
    wfield f;
    const char *why = NULL;
    k->rc = 0;
    while (pv_ld_next_field(&rd, &f, &why) == 1)
        if (f.field == 2 && add_sample(k, &f) != 0) {
            k->rc = -1;
            return NULL;
        }
    pv_ld_sink_finish(k);
    return NULL;
}

/* Appends a sink's samples to the model. The first sink of an empty model gives its arrays
 * away; the others are copied. */
int pv_ld_sink_append(pv_model *m, sink *k)
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


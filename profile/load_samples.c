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
    return pv_ld_map_str(k->L, &k->e, idx, bad);
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
                        if (pv_ld_read_varint(&vr, &v) != 0) {
                            why = "bad varint";
                            goto malformed;
                        }
                        q = vr.p;
                    }
                    uint32_t li = v < ndirect ? direct[v] : pv_idmap_get(&L->locs, v);
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
                    uint32_t li = pv_idmap_get(&L->locs, v);
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
        pv_ld_fail(&k->e, "malformed profile: mismatch: sample has %zu values vs. %zu types", nval, ntypes);
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
    pv_ld_fail(&k->e, "malformed profile: sample: %s", why);
    return -1;
oom:
    pv_ld_fail(&k->e, "out of memory");
    return -1;
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
            break;
        }
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


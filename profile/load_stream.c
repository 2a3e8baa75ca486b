/* A profile decoded while it arrives (a download): a thread of its own takes the inflated
 * bytes piece by piece, decodes each Sample as soon as it is whole (location ids and label
 * strings kept raw: a Go profile writes its samples before the tables they refer to), and
 * keeps the other top-level fields, a small part of the bytes, for the loader to read once
 * the download is over. See pv_stream in load.h. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "profile/load.h"
#include "profile/load_int.h"

typedef struct piece {
    struct piece *next;
    size_t len;
    uint8_t data[];
} piece;

struct pv_stream {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    pthread_t th;
    bool started, ended, abandoned;
    piece *head, *tail; /* the queue, filled by pv_stream_feed, emptied by the thread */
    size_t queued;      /* bytes in the queue */
    bool hold;          /* PVIEW_TEST_STREAM_HOLD: nothing is taken before the end (tests) */
    /* the thread's: */
    uint8_t *carry; /* a field cut by a piece's end */
    size_t ncarry, cap_carry;
    size_t ntypes;   /* SampleType fields seen before the first Sample */
    bool have_sink;
    bool failed;     /* anything unusual: the loader decodes the whole profile instead */
    bool used;       /* the loader took the samples from here (pv_stream_used) */
    sink k;
    uint8_t *skel; /* the top-level fields other than Sample, as they came */
    size_t nskel, cap_skel;
    size_t nsamples, sample_bytes;
    pv_stream_sizes hint; /* the sizes to start from (pv_stream_new_sized), all 0 for none */
    pv_stream_sizes sizes; /* this profile's, once ended */
    size_t fed;            /* bytes given to pv_stream_feed */
};

/* A varint at p (at most end): its length in bytes, 0 when cut short, -1 when too long. */
static int varint_at(const uint8_t *p, const uint8_t *end, uint64_t *v)
{
    reader r = {p, end};
    if (pv_ld_read_varint(&r, v) == 0)
        return (int)(r.p - p);
    return r.p >= end ? 0 : -1;
}

/* The sink of the stream's samples. A hint (the last profile of the same source) gives its
 * sizes, and a sixteenth more for a profile a little larger. Without one, the arrays are
 * reserved for a large profile (the 10 MB gzipped profiles of bench/README.md hold 9.1 and
 * 14.1 million ids): memory not written to is not given to the process, and arrays grown by
 * doubling were copied to fresh memory (about 2.4 us a page) as the download went, and at
 * its end. The merge table still grows: it is written all over. */
static int main_sink(pv_stream *st)
{
    const pv_stream_sizes *h = &st->hint;
    if (!h->samples)
        return pv_ld_sink_init_stream(&st->k, st->ntypes, (size_t)32 << 20, (size_t)1 << 20, 0, 0);
    return pv_ld_sink_init_stream(&st->k, st->ntypes, h->ids + h->ids / 16, h->samples + h->samples / 16,
                                  h->labels + h->labels / 16, h->unmerged ? 0 : h->samples + h->samples / 16);
}

/* One whole top-level field [p, p + n), its number and wire type given. */
static void take_field(pv_stream *st, const uint8_t *p, size_t n, uint32_t field, uint32_t wire,
                       const uint8_t *payload, size_t plen)
{
    if (field == 2) {
        if (wire != 2) {
            st->failed = true;
            return;
        }
        if (!st->have_sink) {
            if (main_sink(st) != 0) {
                st->failed = true;
                return;
            }
            st->have_sink = true;
        }
        st->nsamples++;
        st->sample_bytes += plen;
        if (pv_ld_sink_add_raw(&st->k, payload, plen) != 0)
            st->failed = true;
        return;
    }
    if (field == 1 && !st->have_sink)
        st->ntypes++;
    else if (field == 1)
        st->failed = true; /* a sample type after samples: seen in no profile; the whole decode copes */
    if (pv_grow((void **)&st->skel, &st->cap_skel, st->nskel + n, 1) != 0) {
        st->failed = true;
        return;
    }
    memcpy(st->skel + st->nskel, p, n);
    st->nskel += n;
}

/* The field starting at p (its bytes up to end): 1 with its number, wire type, header length
 * (the key, and for wire type 0 its value, for 2 the length) and payload length, 0 when the
 * header is cut short, -1 when it is not one this reader frames (the loader's decoder then
 * says what it makes of it). */
static int field_at(const uint8_t *p, const uint8_t *end, uint32_t *field, uint32_t *wire, size_t *hdr, size_t *plen)
{
    uint64_t key, v = 0;
    int a = varint_at(p, end, &key);
    if (a <= 0)
        return a;
    if (key >> 3 == 0 || key >> 3 > UINT32_MAX)
        return -1;
    *field = (uint32_t)(key >> 3);
    *wire = key & 7;
    int b = 0;
    if (*wire == 0 || *wire == 2) {
        b = varint_at(p + a, end, &v);
        if (b <= 0)
            return b;
    }
    *hdr = (size_t)(a + b);
    switch (*wire) {
    case 0: *plen = 0; break;
    case 1: *plen = 8; break;
    case 5: *plen = 4; break;
    case 2:
        if (v > SIZE_MAX / 2)
            return -1;
        *plen = (size_t)v;
        break;
    default: return -1; /* groups */
    }
    return 1;
}

/* Takes the whole fields at the start of [p, end); returns how many bytes it took (the rest
 * is a field still arriving). */
static size_t take_fields(pv_stream *st, const uint8_t *p, const uint8_t *end)
{
    const uint8_t *start = p;
    while (p < end && !st->failed) {
        uint32_t field, wire;
        size_t hdr, plen;
        int r = field_at(p, end, &field, &wire, &hdr, &plen);
        if (r < 0)
            st->failed = true;
        if (r <= 0 || plen > (size_t)(end - p) - hdr)
            break;
        take_field(st, p, hdr + plen, field, wire, p + hdr, plen);
        p += hdr + plen;
    }
    return (size_t)(p - start);
}

static int carry_add(pv_stream *st, const uint8_t *p, size_t n)
{
    if (pv_grow((void **)&st->carry, &st->cap_carry, st->ncarry + n, 1) != 0)
        return -1;
    memcpy(st->carry + st->ncarry, p, n);
    st->ncarry += n;
    return 0;
}

static void take_piece(pv_stream *st, const uint8_t *p, size_t n)
{
    /* a field cut by the last piece's end: completed in the carry buffer, copying only
     * what it lacks (its header first, a few bytes at a time); the carry always holds the
     * start of the data not yet taken */
    while (st->ncarry && !st->failed) {
        uint32_t field, wire;
        size_t hdr, plen;
        int r = field_at(st->carry, st->carry + st->ncarry, &field, &wire, &hdr, &plen);
        if (r < 0) {
            st->failed = true;
            return;
        }
        if (r == 1 && st->ncarry - hdr >= plen) {
            size_t took = take_fields(st, st->carry, st->carry + st->ncarry);
            memmove(st->carry, st->carry + took, st->ncarry - took);
            st->ncarry -= took;
            continue;
        }
        if (n == 0)
            return;
        size_t add = r == 0 ? 24 : hdr + plen - st->ncarry;
        if (add > n)
            add = n;
        if (carry_add(st, p, add) != 0) {
            st->failed = true;
            return;
        }
        p += add;
        n -= add;
    }
    if (st->failed || n == 0)
        return;
    size_t took = take_fields(st, p, p + n);
    if (took < n && !st->failed && carry_add(st, p + took, n - took) != 0)
        st->failed = true;
}

/* ---------- the rest of a download, on two threads ---------- */

/* A download often ends before its decoding: the bytes inflate faster than they decode. What
 * is left then is decoded on two threads: the fields of its first half here, the samples of
 * its second half into a sink of their own on another thread. That sink's samples are then
 * appended to this one's. Equal samples of the two shares stay apart, as they do in the whole
 * decode's two sinks: merging them is pprof's (pv_compact, for the reports that print
 * samples); the other reports sum them either way. Merging here was a lookup of each sample
 * in a large table, after the download: 8 to 35 ms for the 10 MB profile of bench/README.md. */

typedef struct {
    sink k;
    const uint8_t *begin, *end;
    size_t ntypes;
    size_t nsamples, labels; /* Samples in [begin, end); labels to make room for */
    bool unmerged;           /* the stream's sink gave up merging: this one does too */
    int rc;
} half_job;

static void *half_run(void *arg)
{
    half_job *j = arg;
    j->rc = -1;
    /* an id takes a byte at least: no array grows */
    if (pv_ld_sink_init_stream(&j->k, j->ntypes, (size_t)(j->end - j->begin), j->nsamples, j->labels,
                               j->unmerged ? 0 : j->nsamples) != 0)
        return NULL;
    if (j->unmerged)
        pv_ld_sink_unmerge(&j->k);
    const uint8_t *p = j->begin;
    while (p < j->end) {
        uint32_t field, wire;
        size_t hdr, plen;
        if (field_at(p, j->end, &field, &wire, &hdr, &plen) != 1)
            return NULL; /* the caller framed these bytes */
        if (field == 2 && pv_ld_sink_add_raw(&j->k, p + hdr, plen) != 0)
            return NULL;
        p += hdr + plen;
    }
    pv_ld_sink_finish(&j->k);
    j->rc = 0;
    return NULL;
}

/* The whole rest [buf, buf + n), the download having ended. */
static void take_rest(pv_stream *st, const uint8_t *buf, size_t n)
{
    const uint8_t *end = buf + n, *p = buf, *split = NULL;
    /* frame it: the split is the first Sample at or after two fifths of the bytes (and after
     * the first Sample, so that the number of sample types is known); anything odd: one
     * thread. The first share is the smaller: this thread also keeps the other fields and
     * then appends the second share, and when the stream's sink merges, its table is the
     * larger (slower lookups). Split in the middle, the second share was done first, its
     * thread then idle for a third of the time. */
    size_t ntypes = st->have_sink ? st->k.ntypes : st->ntypes, nsamples2 = 0, other = 0;
    bool sample_seen = st->have_sink;
    while (p < end) {
        uint32_t field, wire;
        size_t hdr, plen;
        if (field_at(p, end, &field, &wire, &hdr, &plen) != 1 || plen > (size_t)(end - p) - hdr)
            break;
        if (field == 2 && wire == 2 && sample_seen && !split && p >= buf + n * 2 / 5)
            split = p;
        nsamples2 += split && field == 2;
        other += field != 2 ? hdr + plen : 0;
        if (field == 1 && !sample_seen)
            ntypes++;
        sample_seen |= field == 2;
        p += hdr + plen;
    }
    half_job j = {.begin = split, .end = end, .ntypes = ntypes, .nsamples = nsamples2,
                  .unmerged = st->have_sink && st->k.unmerged};
    if (st->hint.plain) { /* the labels: the hint's, in proportion */
        double share = (double)(end - split) / (double)st->hint.plain;
        j.labels = (size_t)((double)st->hint.labels * share);
        j.labels += j.labels / 16;
    }
    /* the other fields are kept: room for them at once (grown by doubling, the copies went to
     * fresh memory and doubled the pages it touched) */
    if (p == end && pv_grow((void **)&st->skel, &st->cap_skel, st->nskel + other, 1) != 0) {
        st->failed = true;
        return;
    }
    pthread_t th;
    if (p != end || !split || pthread_create(&th, NULL, half_run, &j) != 0) {
        take_piece(st, buf, n);
        return;
    }
    size_t took = take_fields(st, buf, split);
    /* the second half's other fields, in order; its samples are counted here */
    for (p = split; p < end && !st->failed && took == (size_t)(split - buf);) {
        uint32_t field, wire;
        size_t hdr, plen;
        field_at(p, end, &field, &wire, &hdr, &plen);
        if (field == 2 && wire == 2) {
            st->nsamples++;
            st->sample_bytes += plen;
        } else {
            take_field(st, p, hdr + plen, field, wire, p + hdr, plen);
        }
        p += hdr + plen;
    }
    pthread_join(th, NULL);
    if (took != (size_t)(split - buf) || j.rc != 0 || !st->have_sink)
        st->failed = true; /* the loader decodes the whole profile and says what is wrong */
    if (!st->failed) {
        pv_ld_sink_finish(&st->k);
        if (pv_ld_sink_concat(&st->k, &j.k) != 0)
            st->failed = true;
    }
    pv_ld_sink_free(&j.k);
}

/* The pieces from first on, with the carry before them, in one buffer for take_rest(). */
static void take_queue(pv_stream *st, piece *first)
{
    size_t n = st->ncarry;
    for (piece *pc = first; pc; pc = pc->next)
        n += pc->len;
    uint8_t *buf = malloc(n ? n : 1);
    size_t w = 0;
    if (buf && st->ncarry) {
        memcpy(buf, st->carry, st->ncarry);
        w = st->ncarry;
    }
    for (piece *pc = first, *next; pc; pc = next) {
        next = pc->next;
        if (buf)
            memcpy(buf + w, pc->data, pc->len);
        w += pc->len;
        free(pc);
    }
    if (!buf) {
        st->failed = true;
        return;
    }
    st->ncarry = 0;
    take_rest(st, buf, n);
    free(buf);
}

static void *stream_main(void *arg)
{
    pv_stream *st = arg;
    pthread_mutex_lock(&st->mu);
    for (;;) {
        while ((!st->head || st->hold) && !st->ended)
            pthread_cond_wait(&st->cv, &st->mu);
        piece *pc = st->head;
        if (!pc)
            break;
        bool skip = st->abandoned;
        /* the download is over with a megabyte or more still to decode: two threads */
        if (!skip && st->ended && !st->failed && pv_parallel_worth(st->queued, 1u << 20)) {
            st->head = st->tail = NULL;
            st->queued = 0;
            pthread_mutex_unlock(&st->mu);
            take_queue(st, pc);
            pthread_mutex_lock(&st->mu);
            continue;
        }
        st->head = pc->next;
        if (!st->head)
            st->tail = NULL;
        st->queued -= pc->len;
        pthread_mutex_unlock(&st->mu);
        if (!skip)
            take_piece(st, pc->data, pc->len);
        free(pc);
        pthread_mutex_lock(&st->mu);
    }
    bool abandoned = st->abandoned;
    pthread_mutex_unlock(&st->mu);
    if (st->ncarry)
        st->failed = true; /* the data ends inside a field */
    if (st->have_sink && !st->failed)
        pv_ld_sink_finish(&st->k);
    if (!st->failed && !abandoned)
        st->sizes = (pv_stream_sizes){st->fed, st->have_sink ? st->k.n : 0,
                                      st->have_sink ? st->k.stack_off[st->k.n] : 0,
                                      st->have_sink ? st->k.label_off[st->k.n] : 0, st->have_sink && st->k.unmerged};
    return NULL;
}

pv_stream *pv_stream_new(void)
{
    return pv_stream_new_sized(NULL);
}

void pv_stream_get_sizes(const pv_stream *st, pv_stream_sizes *out)
{
    *out = st ? st->sizes : (pv_stream_sizes){0, 0, 0, 0, false};
}

pv_stream *pv_stream_new_sized(const pv_stream_sizes *h)
{
    pv_stream *st = calloc(1, sizeof *st);
    if (!st)
        return NULL;
    if (h)
        st->hint = *h;
    pthread_mutex_init(&st->mu, NULL);
    pthread_cond_init(&st->cv, NULL);
    const char *hold = getenv("PVIEW_TEST_STREAM_HOLD");
    st->hold = hold && *hold == '1';
    if (pthread_create(&st->th, NULL, stream_main, st) != 0) {
        pthread_mutex_destroy(&st->mu);
        pthread_cond_destroy(&st->cv);
        free(st);
        return NULL;
    }
    st->started = true;
    return st;
}

void pv_stream_feed(pv_stream *st, const uint8_t *p, size_t n)
{
    if (!st || n == 0)
        return;
    piece *pc = malloc(sizeof *pc + n);
    pthread_mutex_lock(&st->mu);
    if (!pc || st->ended) {
        st->abandoned = true; /* out of memory: the loader decodes the whole profile */
        free(pc);
    } else {
        pc->next = NULL;
        pc->len = n;
        memcpy(pc->data, p, n);
        if (st->tail)
            st->tail->next = pc;
        else
            st->head = pc;
        st->tail = pc;
        st->queued += n;
        st->fed += n;
    }
    pthread_cond_signal(&st->cv);
    pthread_mutex_unlock(&st->mu);
}

static void stream_join(pv_stream *st)
{
    pthread_mutex_lock(&st->mu);
    st->ended = true;
    pthread_cond_signal(&st->cv);
    pthread_mutex_unlock(&st->mu);
    if (st->started)
        pthread_join(st->th, NULL);
    st->started = false;
}

void pv_stream_end(pv_stream *st)
{
    if (st)
        stream_join(st);
}

void pv_stream_free(pv_stream *st)
{
    if (!st)
        return;
    pthread_mutex_lock(&st->mu);
    st->abandoned = true; /* the rest of the queue is only freed */
    pthread_mutex_unlock(&st->mu);
    stream_join(st);
    pthread_mutex_destroy(&st->mu);
    pthread_cond_destroy(&st->cv);
    if (st->have_sink)
        pv_ld_sink_free(&st->k);
    free(st->carry);
    free(st->skel);
    free(st);
}

bool pv_stream_usable(pv_stream *st)
{
    if (!st)
        return false;
    pv_stream_end(st);
    return !st->failed && !st->abandoned && !st->used && st->nskel;
}

bool pv_stream_used(const pv_stream *st)
{
    return st && st->used;
}

void pv_stream_unuse(pv_stream *st)
{
    if (st) {
        st->used = false;
        st->failed = true; /* its samples may be gone into the failed load's model */
    }
}

/* For the loader (load.c): the ended stream's parts, or NULL when it cannot be used. */
const uint8_t *pv_ld_stream_parts(pv_stream *st, size_t *nskel, size_t *nsamples, size_t *sample_bytes, sink **k)
{
    if (!st || st->started || st->failed || st->abandoned || st->used || !st->nskel)
        return NULL; /* used: its samples went to a model: it serves one load */
    *nskel = st->nskel;
    *nsamples = st->nsamples;
    *sample_bytes = st->sample_bytes;
    *k = st->have_sink ? &st->k : NULL;
    st->used = true; /* until the load fails: then the stream is not used again */
    return st->skel;
}

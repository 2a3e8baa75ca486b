/* A profile decoded while it arrives (pv_stream) must load exactly as the whole data does.
 * For each file (a directory: every file under it), inflated when gzipped: the loader on the
 * whole data, then a stream fed in pieces of 1, 2, 7, 61 and 4096 bytes and whole, then
 * pv_load_buffers_streamed(). Both must fail with the same line or give the same model (the
 * same bytes from pv_model_write, once equal samples are merged: see merge_equal). Prints
 * one line per file: "FILE: streamed" (the load took the stream's samples in every run),
 * "FILE: whole" (the stream gave up: not a profile.proto the stream reads, and the load
 * decoded the data whole) or "FILE: error: LINE". Exits 1 on a difference. With -parallel,
 * the streamed loads run the steps that go on two threads for big profiles on two threads
 * whatever the size (PVIEW_PARALLEL_MIN=2); the whole loads, the reference, stay on one.
 * With -hold, each stream takes nothing before its end, as when a download ends
 * long before its decoding (PVIEW_TEST_STREAM_HOLD=1): with -parallel, the whole data is then
 * decoded in two halves on two threads. From the second run on, each stream starts its arrays
 * at the sizes the run before it found (pv_stream_new_sized, as a live view's refreshes do),
 * every other run at a quarter of them (the arrays then grow past their start).
 * usage: pv-streamtest [-parallel] [-hold] PATH... */
#define _XOPEN_SOURCE 700
#include <ftw.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "profile/load.h"
#include "profile/write.h"

static int bad;
static int parallel, hold;

static unsigned char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0;
    unsigned char *b = malloc(cap);
    size_t r;
    while (b && (r = fread(b + n, 1, cap - n, f)) > 0) {
        n += r;
        if (n == cap) {
            unsigned char *nb = realloc(b, cap *= 2);
            if (!nb)
                free(b);
            b = nb;
        }
    }
    fclose(f);
    *len = n;
    return b;
}

/* the model's bytes, or the error line */
static bool sample_equal(const pv_model *m, size_t a, const uint64_t *so, const uint64_t *lo, size_t b)
{
    size_t n = so[b + 1] - so[b], nl = lo[b + 1] - lo[b];
    if (m->stack_off[a + 1] - m->stack_off[a] != n || m->label_off[a + 1] - m->label_off[a] != nl ||
        memcmp(m->stack + m->stack_off[a], m->stack + so[b], n * sizeof *m->stack) != 0)
        return false;
    for (size_t i = 0; i < nl; i++) {
        const pv_label *x = m->labels + m->label_off[a] + i, *y = m->labels + lo[b] + i;
        if (x->key != y->key || x->str != y->str || x->num != y->num || x->num_unit != y->num_unit)
            return false;
    }
    return true;
}

/* Merges m's equal samples (stacks and labels) into the first of them, values summed, as
 * pprof's merge does. Loads merge some of them and leave others apart (a stream's second
 * share is appended to the first, and a sink gives merging up when it finds none to merge):
 * the models must be equal up to that. */
static void merge_equal(pv_model *m)
{
    size_t ns = m->nsamples, nt = m->ntypes, cap = 16;
    while (cap < 2 * ns)
        cap *= 2;
    uint32_t *slot = calloc(cap, sizeof *slot); /* merged sample index + 1 */
    uint64_t *so = malloc((ns + 1) * sizeof *so), *lo = malloc((ns + 1) * sizeof *lo);
    if (!slot || !so || !lo) {
        fprintf(stderr, "pv-streamtest: out of memory\n");
        exit(2);
    }
    memcpy(so, m->stack_off, (ns + 1) * sizeof *so);
    memcpy(lo, m->label_off, (ns + 1) * sizeof *lo);
    size_t w = 0;
    for (size_t s = 0; s < ns; s++) {
        uint64_t h = 1469598103934665603ull;
        for (uint64_t i = so[s]; i < so[s + 1]; i++)
            h = (h ^ m->stack[i]) * 1099511628211ull;
        for (uint64_t i = lo[s]; i < lo[s + 1]; i++)
            h = (h ^ m->labels[i].key ^ (uint64_t)m->labels[i].str << 32 ^ (uint64_t)m->labels[i].num) *
                1099511628211ull;
        size_t j = (h ^ h >> 29) & (cap - 1);
        while (slot[j] && !sample_equal(m, slot[j] - 1, so, lo, s))
            j = (j + 1) & (cap - 1);
        if (slot[j]) {
            int64_t *into = m->values + (size_t)(slot[j] - 1) * nt;
            for (size_t t = 0; t < nt; t++)
                into[t] = (int64_t)((uint64_t)into[t] + (uint64_t)m->values[s * nt + t]);
            continue;
        }
        size_t n = so[s + 1] - so[s], nl = lo[s + 1] - lo[s];
        memmove(m->stack + m->stack_off[w], m->stack + so[s], n * sizeof *m->stack);
        memmove(m->labels + m->label_off[w], m->labels + lo[s], nl * sizeof *m->labels);
        memmove(m->values + w * nt, m->values + s * nt, nt * sizeof *m->values);
        m->stack_off[w + 1] = m->stack_off[w] + n;
        m->label_off[w + 1] = m->label_off[w] + nl;
        slot[j] = (uint32_t)++w;
    }
    m->nsamples = w;
    free(slot);
    free(so);
    free(lo);
}

static char *outcome(pv_model *m, const char *err, size_t *len)
{
    if (!m) {
        *len = strlen(err);
        return strdup(err);
    }
    merge_equal(m);
    unsigned char *out = NULL;
    char werr[256];
    if (pv_model_write(m, &out, len, werr, sizeof werr) != 0) {
        fprintf(stderr, "pv-streamtest: cannot write a model: %s\n", werr);
        exit(2);
    }
    pv_model_free(m);
    return (char *)out;
}

static void one_file(const char *path)
{
    size_t len;
    unsigned char *data = read_file(path, &len);
    if (!data) {
        fprintf(stderr, "pv-streamtest: %s: cannot read\n", path);
        bad = 1;
        return;
    }
    if (len >= 2 && data[0] == 0x1f && data[1] == 0x8b) { /* as a download inflates it */
        pv_gunzip *g = pv_gunzip_new(1u << 30, 0);
        uint8_t *raw;
        size_t rawlen;
        char gerr[256];
        int r = g ? pv_gunzip_feed(g, data, len) : -1;
        if (g && pv_gunzip_end(g, &raw, &rawlen, gerr, sizeof gerr) == 0 && r == 0) {
            free(data);
            data = raw;
            len = rawlen;
        }
        pv_gunzip_free(g);
    }
    pv_load_opts lo = {0};
    char err[1024] = "";
    const unsigned char *d = data;
    size_t wlen;
    unsetenv("PVIEW_PARALLEL_MIN");
    char *want = outcome(pv_load_buffers(&path, &d, &len, 1, &lo, err, sizeof err), err, &wlen);
    if (parallel)
        setenv("PVIEW_PARALLEL_MIN", "2", 1);
    if (hold)
        setenv("PVIEW_TEST_STREAM_HOLD", "1", 1);
    static const size_t pieces[] = {1, 2, 7, 61, 4096, 0};
    int used = 0, runs = 0;
    pv_stream_sizes last = {0, 0, 0, 0, false};
    for (size_t i = 0; i < sizeof pieces / sizeof *pieces; i++) {
        size_t step = pieces[i] ? pieces[i] : len;
        if (pieces[i] == 1 && len > (1u << 20))
            continue; /* a byte at a time: small files only */
        pv_stream_sizes hint = last;
        if (runs % 2)
            hint = (pv_stream_sizes){hint.plain / 4, hint.samples / 4, hint.ids / 4, hint.labels / 4, hint.unmerged};
        pv_stream *st = pv_stream_new_sized(runs ? &hint : NULL);
        if (!st) {
            fprintf(stderr, "pv-streamtest: cannot start a stream\n");
            exit(2);
        }
        for (size_t off = 0; off < len; off += step)
            pv_stream_feed(st, data + off, len - off < step ? len - off : step);
        pv_stream_end(st);
        char err2[1024] = "";
        size_t glen;
        char *got = outcome(pv_load_buffers_streamed(&path, &d, &len, &st, 1, NULL, &lo, err2, sizeof err2), err2,
                            &glen);
        runs++;
        used += pv_stream_used(st);
        pv_stream_get_sizes(st, &last);
        if (glen != wlen || memcmp(got, want, wlen) != 0) {
            printf("%s: pieces of %zu bytes: streamed load differs from the whole one\n", path, step);
            bad = 1;
        }
        free(got);
        pv_stream_free(st);
    }
    if (err[0])
        printf("%s: error: %s\n", path, err);
    else if (used == runs)
        printf("%s: streamed\n", path);
    else if (used == 0)
        printf("%s: whole\n", path);
    else
        printf("%s: streamed in %d of %d runs\n", path, used, runs);
    free(want);
    free(data);
}

static int visit(const char *path, const struct stat *sb, int type, struct FTW *ftw)
{
    (void)sb;
    (void)ftw;
    if (type == FTW_F)
        one_file(path);
    return 0;
}

int main(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        if (!strcmp(argv[i], "-parallel"))
            parallel = 1;
        else if (!strcmp(argv[i], "-hold"))
            hold = 1;
        else
            nftw(argv[i], visit, 16, FTW_PHYS);
    return bad;
}

/* libFuzzer harness: the profile.proto decoder and its validation, alone. The input is a
 * file as pview reads it (raw protobuf, gzip, or a legacy profile, which the loader tries
 * when protobuf decoding fails). No report is built: this harness is meant to be fast.
 * A loaded model must keep model.h's promises; a refused one must say why in one line.
 * gzip input is also inflated as a download inflates it (pv_gunzip, fed in pieces whose
 * sizes come from the input): it must give the same bytes, or the same line, as whole.
 * Other input is also decoded as a download decodes it (pv_stream, fed in pieces whose sizes
 * come from the input): when the stream could read it, it must load to the same model (the
 * same bytes written) or fail with the same line.
 * With libFuzzer, mutations know profile.proto (fuzz/protomut.h). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz/common.h"
#include "profile/load.h"
#include "profile/write.h"

#ifdef PV_LIBFUZZER
#include "fuzz/protomut.h"
size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max_size, unsigned int seed);
size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max_size, unsigned int seed)
{
    return pm_mutate(data, size, max_size, seed);
}
#endif

/* data inflated fed whole, then in pieces of 1 + data[i % size] % 97 bytes: the same result */
static void gunzip_pieces(const uint8_t *data, size_t size, uint64_t cap)
{
    uint8_t *out[2] = {NULL, NULL};
    size_t len[2] = {0, 0};
    char err[2][256] = {"", ""};
    int rc[2];
    for (int k = 0; k < 2; k++) {
        pv_gunzip *g = pv_gunzip_new(cap, 0);
        if (!g)
            abort();
        for (size_t off = 0, i = 0; off < size; i++) {
            size_t n = k == 0 ? size : (size_t)1 + data[i % size] % 97;
            if (n > size - off)
                n = size - off;
            if (pv_gunzip_feed(g, data + off, n) != 0)
                break;
            off += n;
        }
        rc[k] = pv_gunzip_end(g, &out[k], &len[k], err[k], sizeof err[k]);
        pv_gunzip_free(g);
    }
    if (rc[0] != rc[1] || (rc[0] == 0 && (len[0] != len[1] || memcmp(out[0], out[1], len[0]) != 0)) ||
        (rc[0] != 0 && strcmp(err[0], err[1]) != 0))
        abort();
    free(out[0]);
    free(out[1]);
}

/* m's bytes (pv_model_write), or err when m is NULL */
static uint8_t *outcome(const pv_model *m, const char *err, size_t *len)
{
    if (!m) {
        *len = strlen(err);
        return (uint8_t *)strdup(err);
    }
    unsigned char *out = NULL;
    char werr[256];
    if (pv_model_write(m, &out, len, werr, sizeof werr) != 0)
        fz_fail("a loaded model cannot be written");
    return out;
}

/* data loaded streamed, in pieces of 1 + data[i % size] % 251 bytes: the same outcome as the
 * whole load's (m, or err) */
static void stream_pieces(const uint8_t *data, size_t size, const pv_load_opts *lo, const pv_model *m,
                          const char *err)
{
    pv_stream *st = pv_stream_new();
    if (!st)
        abort();
    for (size_t off = 0, i = 0; off < size; i++) {
        size_t n = (size_t)1 + data[i % size] % 251;
        if (n > size - off)
            n = size - off;
        pv_stream_feed(st, data + off, n);
        off += n;
    }
    if (!pv_stream_usable(st)) { /* the load would decode the whole data: the call made above */
        pv_stream_free(st);
        return;
    }
    size_t wlen, glen;
    uint8_t *want = outcome(m, err, &wlen);
    char err2[1024] = "";
    const char *name = "fuzz";
    pv_model *m2 = pv_load_buffers_streamed(&name, &data, &size, &st, 1, NULL, lo, err2, sizeof err2);
    uint8_t *got = outcome(m2, err2, &glen);
    if (wlen != glen || memcmp(want, got, wlen) != 0)
        fz_fail("a profile loaded streamed differs from the profile loaded whole");
    pv_model_free(m2);
    pv_stream_free(st);
    free(want);
    free(got);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size >= 2 && data[0] == 0x1f && data[1] == 0x8b)
        gunzip_pieces(data, size, 1u << 20);
    /* a small cap: a fuzzed gzip bomb must stop early */
    pv_load_opts lo = {.max_decompressed = 1u << 20};
    char err[1024] = "";
    pv_model *m = pv_load_buffer("fuzz", data, size, &lo, err, sizeof err);
    if (size > 0 && !(size >= 2 && data[0] == 0x1f && data[1] == 0x8b))
        stream_pieces(data, size, &lo, m, err);
    if (!m) {
        fz_check_error(err);
        return 0;
    }
    fz_check_model(m);
    pv_model_free(m);
    return 0;
}

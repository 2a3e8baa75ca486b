/* libFuzzer harness (a): the profile decoder on raw bytes, then the default top report and
 * the sample reports (-traces, -tags, -raw, -proto).
 * The first byte picks the path: odd = the rest is gzipped here first (reaches the decoder
 * through zlib), even = the rest is given as is (raw protobuf, or gzip the fuzzer wrote). */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <zlib.h>

#include "profile/load.h"
#include "profile/proto_out.h"
#include "profile/raw.h"
#include "profile/report.h"
#include "profile/tags.h"
#include "profile/traces.h"

static unsigned char *gzip_bytes(const uint8_t *d, size_t n, size_t *outlen)
{
    z_stream zs = {0};
    if (deflateInit2(&zs, 1, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return NULL;
    size_t cap = deflateBound(&zs, (uLong)n) + 32;
    unsigned char *out = malloc(cap);
    if (!out) {
        deflateEnd(&zs);
        return NULL;
    }
    zs.next_in = (Bytef *)d;
    zs.avail_in = (uInt)n;
    zs.next_out = out;
    zs.avail_out = (uInt)cap;
    if (deflate(&zs, Z_FINISH) != Z_STREAM_END) {
        deflateEnd(&zs);
        free(out);
        return NULL;
    }
    *outlen = zs.total_out;
    deflateEnd(&zs);
    return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const uint8_t *in = data + 1;
    size_t n = size - 1;
    unsigned char *z = NULL;
    if (data[0] & 1) {
        z = gzip_bytes(in, n, &n);
        if (!z)
            return 0;
        in = z;
    }
    /* a small cap: a fuzzed gzip bomb must stop early, not exhaust the fuzzer's memory */
    pv_load_opts lo = {.max_decompressed = 64u << 20};
    char err[1024];
    pv_model *m = pv_load_buffer("fuzz", in, n, &lo, err, sizeof err);
    free(z);
    if (!m)
        return 0;
    pv_options o;
    pv_options_init(&o);
    pv_report *r = pv_report_build(m, &o, err, sizeof err);
    if (r) {
        FILE *devnull = fopen("/dev/null", "w");
        if (devnull) {
            pv_print_top(devnull, r);
            fclose(devnull);
        }
        pv_report_free(r);
    }
    if (pv_model_drop_frames(m, err, sizeof err) == 0) {
        r = pv_report_build(m, &o, err, sizeof err);
        pv_report_free(r);
        /* the sample reports (pprof's merge of the model, labels, the protobuf writer) */
        FILE *devnull = fopen("/dev/null", "w");
        if (devnull) {
            pv_traces *t = pv_traces_build(m, &o, err, sizeof err);
            if (t)
                pv_print_traces(devnull, t);
            pv_traces_free(t);
            pv_tags *tg = pv_tags_build(m, &o, err, sizeof err);
            if (tg)
                pv_print_tags(devnull, tg);
            pv_tags_free(tg);
            pv_raw *rw = pv_raw_build(m, &o, err, sizeof err);
            if (rw) {
                pv_print_raw(devnull, rw);
                pv_write_proto(devnull, rw, err, sizeof err);
            }
            pv_raw_free(rw);
            fclose(devnull);
        }
    }
    pv_options_free(&o);
    pv_model_free(m);
    return 0;
}

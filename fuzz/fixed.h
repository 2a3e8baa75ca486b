/* A small fixed profile for the harnesses that fuzz settings rather than profiles: four
 * functions (one an inlined caller), five locations, four samples with string and numeric
 * labels, two sample types (count, cpu nanoseconds), one mapping. fz_fixed_model() builds
 * it through the decoder and aborts if it does not load. */
#ifndef PVIEW_FUZZ_FIXED_H
#define PVIEW_FUZZ_FIXED_H

#include <stdio.h>
#include <stdlib.h>

#include "fuzz/pbw.h"
#include "profile/load.h"

static const char *const strs[] = {"", "samples", "count", "cpu", "nanoseconds", "main.main", "main.go",
                                   "runtime.mallocgc", "malloc.go", "encoding/json.Marshal", "encode.go",
                                   "(*T).Method", "key", "value", "bytes", "region", "us-east", "μs"};
enum { S_SAMPLES = 1, S_COUNT, S_CPU, S_NS, S_MAIN, S_MAINGO, S_MALLOC, S_MALLOCGO, S_JSON, S_JSONGO,
       S_METH, S_KEY, S_VALUE, S_BYTES, S_REGION, S_USEAST, S_US };

static inline void vt(pbw *p, uint64_t t, uint64_t u)
{
    pbw m = {0};
    pbw_var(&m, 1, t);
    pbw_var(&m, 2, u);
    pbw_msg(p, 1, &m);
}

static inline void fn(pbw *p, uint64_t id, uint64_t name, uint64_t file)
{
    pbw m = {0};
    pbw_var(&m, 1, id);
    pbw_var(&m, 2, name);
    pbw_var(&m, 3, name);
    pbw_var(&m, 4, file);
    pbw_var(&m, 5, id * 10);
    pbw_msg(p, 5, &m);
}

static inline void loc(pbw *p, uint64_t id, uint64_t f1, uint64_t f2)
{
    pbw m = {0}, l = {0};
    pbw_var(&m, 1, id);
    pbw_var(&m, 2, 1);
    pbw_var(&m, 3, 0x1000 + id * 16);
    pbw_var(&l, 1, f1);
    pbw_var(&l, 2, (int64_t)id * 3);
    pbw_msg(&m, 4, &l);
    if (f2) { /* an inlined caller */
        pbw_var(&l, 1, f2);
        pbw_var(&l, 2, 7);
        pbw_msg(&m, 4, &l);
    }
    pbw_msg(p, 4, &m);
}

static inline void sample(pbw *p, const uint64_t *locs, size_t n, int64_t v0, int64_t v1, uint64_t sk, uint64_t sv,
                   int64_t num, uint64_t unit)
{
    pbw m = {0}, a = {0}, lab = {0};
    for (size_t i = 0; i < n; i++)
        pbw_varint(&a, locs[i]);
    pbw_len(&m, 1, a.p, a.len);
    free(a.p);
    a = (pbw){0};
    pbw_varint(&a, (uint64_t)v0);
    pbw_varint(&a, (uint64_t)v1);
    pbw_len(&m, 2, a.p, a.len);
    free(a.p);
    if (sk) {
        pbw_var(&lab, 1, sk);
        pbw_var(&lab, 2, sv);
        pbw_msg(&m, 3, &lab);
    }
    if (unit) {
        pbw_var(&lab, 1, S_BYTES);
        pbw_var(&lab, 3, (uint64_t)num);
        pbw_var(&lab, 4, unit);
        pbw_msg(&m, 3, &lab);
    }
    pbw_msg(p, 2, &m);
}

static inline pv_model *fz_fixed_model(void)
{
    pbw p = {0};
    vt(&p, S_SAMPLES, S_COUNT);
    vt(&p, S_CPU, S_NS);
    static const uint64_t a[] = {1, 2, 3}, b[] = {4, 2, 3}, c[] = {2, 3}, d[] = {5, 4, 3};
    sample(&p, a, 3, 1, 10000000, S_KEY, S_VALUE, 4096, S_BYTES);
    sample(&p, b, 3, 2, 20000000, S_REGION, S_USEAST, 0, 0);
    sample(&p, c, 2, 3, 30000000, 0, 0, 17, S_US);
    sample(&p, d, 3, -1, -5000000, S_KEY, S_USEAST, 1 << 20, S_BYTES);
    pbw m = {0};
    pbw_var(&m, 1, 1);
    pbw_var(&m, 2, 0x1000);
    pbw_var(&m, 3, 0x2000);
    pbw_var(&m, 5, S_MAINGO);
    pbw_var(&m, 7, 1);
    pbw_msg(&p, 3, &m);
    fn(&p, 1, S_MALLOC, S_MALLOCGO);
    fn(&p, 2, S_JSON, S_JSONGO);
    fn(&p, 3, S_MAIN, S_MAINGO);
    fn(&p, 4, S_METH, S_MAINGO);
    loc(&p, 1, 1, 0);
    loc(&p, 2, 2, 4);
    loc(&p, 3, 3, 0);
    loc(&p, 4, 4, 0);
    loc(&p, 5, 1, 2);
    for (size_t i = 0; i < sizeof strs / sizeof strs[0]; i++)
        pbw_str(&p, strs[i]);
    char err[512];
    pv_model *mm = pv_load_buffer("fixed", p.p, p.len, NULL, err, sizeof err);
    free(p.p);
    if (!mm) {
        fprintf(stderr, "fixed profile: %s\n", err);
        abort();
    }
    return mm;
}

#endif

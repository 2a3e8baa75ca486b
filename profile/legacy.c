/* Legacy gperftools profiles: the binary CPU profile and the heap/growth text profiles.
 * See legacy.h. Addresses only: no functions or lines are made; the symbolizer or the
 * "[mapping]" rows take over, as for address-only profile.proto files. */
#include "profile/legacy.h"
#include "profile/legacy_int.h"
#include "profile/util.h"

#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


enum { RX_HEAPHDR, RX_GROWTH, RX_FRAG, RX_HEAPSAMPLE, RX_COUNT };

static const char *const rx_src[RX_COUNT] = {
    "heap profile: *(\\d+): *(\\d+) *\\[ *(\\d+): *(\\d+) *\\] *@ *(heap[_a-z0-9]*)/?(\\d*)",
    "heap profile: *(\\d+): *(\\d+) *\\[ *(\\d+): *(\\d+) *\\] @ growthz?",
    "heap profile: *(\\d+): *(\\d+) *\\[ *(\\d+): *(\\d+) *\\] @ fragmentationz?",
    "(-?\\d+): *(-?\\d+) *\\[ *(\\d+): *(\\d+) *] @([ x0-9a-f]*)",
};

static void strip_handler_frames(pv_lx_prof *P)
{
    /* pprof drops the second frame where one address holds it in all but 1/32 of the
     * samples: such an address is a strict majority, so a majority vote finds it in one pass
     * and a count confirms it */
    size_t margin = P->ns / 32;
    for (int iter = 0; iter < 2; iter++) {
        uint64_t cand = 0;
        size_t votes = 0, count = 0;
        for (size_t s = 0; s < P->ns; s++)
            if (P->cnt[s] > 1) {
                uint64_t a = P->addr[P->off[s] + 1];
                if (votes == 0)
                    cand = a;
                if (a == cand)
                    votes++;
                else
                    votes--;
            }
        for (size_t s = 0; s < P->ns; s++)
            if (P->cnt[s] > 1 && P->addr[P->off[s] + 1] == cand)
                count++;
        if (count == 0 || count < P->ns - margin)
            continue;
        for (size_t s = 0; s < P->ns; s++)
            if (P->cnt[s] > 1 && P->addr[P->off[s] + 1] == cand)
                pv_lx_drop_frame1(P, s);
    }
}

/* 1 parsed, 0 not a CPU profile, -1 error */
static int parse_cpu(pv_lx_prof *P, const uint8_t *data, size_t len)
{
    for (int kind = 0; kind < 4; kind++) { /* 32-bit little, big, 64-bit little, big */
        pv_lx_words w = {data, len, false, kind < 2 ? 4 : 8, kind == 0 || kind == 2};
        uint64_t n1 = pv_lx_word(&w), n2 = pv_lx_word(&w), n3 = pv_lx_word(&w), n4 = pv_lx_word(&w), n5 = pv_lx_word(&w);
        if (w.dead || n1 != 0 || n2 != 3 || n4 == 0 || n5 != 0)
            continue;
        if (n3 == 1)
            return pv_lx_java_cpu(P, w.p, w.n, w.size, w.little, (int64_t)n4);
        if (n3 != 0)
            continue;
        static const char *const types[] = {"samples", "count", "cpu", "nanoseconds"};
        int64_t period = (int64_t)(n4 * 1000);
        P->period = period;
        if (pv_lx_set_types(P, 2, types) != 0 || pv_lx_set_period_type(P, "cpu", "nanoseconds") != 0)
            return pv_lx_fail(P->e, "out of memory");
        if (pv_lx_cpu_samples(P, &w, period, true, "legacy CPU profile") != 0)
            return -1;
        strip_handler_frames(P);
        pv_lx_lines ls = {(const char *)w.p, (const char *)w.p + w.n, 0};
        if (pv_lx_parse_memory_map(P, &ls) != 0)
            return -1;
        pv_lx_cleanup_duplicate_locations(P);
        return 1;
    }
    return 0;
}

/* ---------- heap ---------- */

/* scaleHeapSample; float to int64 as Go on amd64 (out of range -> INT64_MIN) */
static int64_t f2i(double x)
{
    if (!(x >= -9223372036854775808.0 && x < 9223372036854775808.0))
        return INT64_MIN;
    return (int64_t)x;
}

void pv_lx_scale_heap(int64_t *count, int64_t *size, int64_t rate)
{
    if (*count == 0 || *size == 0) {
        *count = *size = 0;
        return;
    }
    if (rate <= 1)
        return;
    double avg = (double)*size / (double)*count;
    double scale = 1 / (1 - exp(-avg / (double)rate));
    *count = f2i((double)*count * scale);
    *size = f2i((double)*size * scale);
}

static int heap_values(pv_lx_prof *P, span line, span cs, span ss, const char *label, bool v2, int64_t rate, int64_t *out,
                       int64_t *blocksize)
{
    int64_t count, size;
    if (!pv_lx_parse_i64(cs, &count) || !pv_lx_parse_i64(ss, &size))
        return pv_lx_fail(P->e, "legacy heap profile: malformed sample: %.*s: number out of range", (int)line.n, line.p);
    if (count == 0 && size != 0)
        return pv_lx_fail(P->e, "legacy heap profile: %s count was 0 but %s bytes was %" PRId64, label, label, size);
    if (count != 0) {
        /* Go's int64 division: INT64_MIN / -1 is INT64_MIN */
        *blocksize = count == -1 ? (int64_t)(0 - (uint64_t)size) : size / count;
        if (v2)
            pv_lx_scale_heap(&count, &size, rate);
    }
    out[0] = count;
    out[1] = size;
    return 0;
}

static int parse_heap(pv_lx_prof *P, const uint8_t *data, size_t len)
{
    pv_lx_lines ls = {(const char *)data, (const char *)data + len, 0};
    span line;
    int lr = pv_lx_next_line(&ls, &line);
    if (lr <= 0)
        return 0;
    pv_lx_match mt;
    bool v2 = false, has_alloc = false;
    int64_t period = 0;
    if (pv_lx_rx_find(&P->rxs[RX_HEAPHDR], line.p, line.n, &mt)) {
        span g1 = pv_lx_rx_group(&mt, line.p, 1), g2 = pv_lx_rx_group(&mt, line.p, 2), g3 = pv_lx_rx_group(&mt, line.p, 3),
             g4 = pv_lx_rx_group(&mt, line.p, 4), g5 = pv_lx_rx_group(&mt, line.p, 5), g6 = pv_lx_rx_group(&mt, line.p, 6);
        if (g6.n && !pv_lx_parse_i64(g6, &period))
            return 0;
        has_alloc = (!pv_lx_span_eq(g3, g1) && !pv_lx_span_is(g3, "0")) || (!pv_lx_span_eq(g4, g2) && !pv_lx_span_is(g4, "0"));
        if (pv_lx_span_is(g5, "heapz_v2") || pv_lx_span_is(g5, "heap_v2")) {
            v2 = true;
        } else if (pv_lx_span_is(g5, "heapprofile")) {
            period = 1;
        } else if (pv_lx_span_is(g5, "heap")) {
            v2 = true;
            period /= 2;
        } else {
            return 0;
        }
    } else if (pv_lx_rx_find(&P->rxs[RX_GROWTH], line.p, line.n, &mt) || pv_lx_rx_find(&P->rxs[RX_FRAG], line.p, line.n, &mt)) {
        period = 1;
    } else {
        return 0;
    }
    static const char *const types[] = {"alloc_objects", "count", "alloc_space", "bytes",
                                        "inuse_objects", "count", "inuse_space", "bytes"};
    static const char *const types2[] = {"objects", "count", "space", "bytes"};
    if (pv_lx_set_types(P, has_alloc ? 4 : 2, has_alloc ? types : types2) != 0 ||
        pv_lx_set_period_type(P, "space", "bytes") != 0)
        return pv_lx_fail(P->e, "out of memory");
    P->period = period;
    P->has_label = true;
    while ((lr = pv_lx_next_line(&ls, &line)) == 1) {
        span t = pv_lx_trim(line);
        if (t.n == 0 || t.p[0] == '#')
            continue;
        if (pv_lx_is_map_sentinel(t))
            break;
        if (!pv_lx_rx_find(&P->rxs[RX_HEAPSAMPLE], t.p, t.n, &mt))
            return pv_lx_fail(P->e, "legacy heap profile: malformed sample: %.*s", (int)(t.n > 200 ? 200 : t.n), t.p);
        int64_t vals[4], bs = 0;
        int64_t *v = vals;
        if (has_alloc) {
            if (heap_values(P, t, pv_lx_rx_group(&mt, t.p, 3), pv_lx_rx_group(&mt, t.p, 4), "allocation", v2, period, v, &bs) != 0)
                return -1;
            v += 2;
        }
        if (heap_values(P, t, pv_lx_rx_group(&mt, t.p, 1), pv_lx_rx_group(&mt, t.p, 2), "inuse", v2, period, v, &bs) != 0)
            return -1;
        if (pv_lx_add_sample(P, vals, bs) != 0)
            return pv_lx_fail(P->e, "out of memory");
        span bad;
        int hr = pv_lx_push_hex_addresses(P, pv_lx_rx_group(&mt, t.p, 5), -1, true, &bad);
        if (hr == -2)
            return pv_lx_fail(P->e, "legacy heap profile: malformed sample: failed to parse as hex 64-bit number: %.*s",
                              (int)(bad.n > 40 ? 40 : bad.n), bad.p);
        if (hr != 0)
            return pv_lx_fail(P->e, "out of memory");
    }
    if (lr < 0)
        return pv_lx_fail(P->e, "legacy heap profile: bufio.Scanner: token too long");
    /* parseAdditionalSections: skip to the memory map sentinel, then the map */
    if (lr == 1 && !pv_lx_is_map_sentinel(line)) {
        while ((lr = pv_lx_next_line(&ls, &line)) == 1 && !pv_lx_is_map_sentinel(line))
            ;
        if (lr < 0)
            return pv_lx_fail(P->e, "legacy heap profile: bufio.Scanner: token too long");
    }
    if (pv_lx_parse_memory_map(P, &ls) != 0)
        return -1;
    return 1;
}

/* ---------- dispatch: pprof's parseLegacy order ---------- */

typedef int (*reader)(pv_lx_prof *P, const uint8_t *data, size_t len);

int pv_legacy_parse(pv_model *m, const uint8_t *data, size_t len, char *err, size_t errlen)
{
    static const reader readers[] = {parse_cpu, parse_heap, pv_lx_parse_go_count, pv_lx_parse_thread,
                                     pv_lx_parse_contention, pv_lx_parse_java};
    pv_lx_err e = {err, errlen};
    if (m->nsamples || m->nlocations || m->nmappings || m->ntypes)
        return 0; /* only a first (or only) source can be a legacy profile */
    pv_lx_rx rxs[RX_COUNT];
    for (int i = 0; i < RX_COUNT; i++)
        if (pv_lx_rx_compile(&rxs[i], rx_src[i]) != 0)
            return pv_lx_fail(&e, "internal error: bad pattern %d", i);
    pv_lx_prof P;
    memset(&P, 0, sizeof P);
    int r = 0;
    bool refused = false; /* a format recognised by its header but refused (its reason in err) */
    for (size_t i = 0; i < sizeof readers / sizeof readers[0] && r == 0; i++) {
        pv_lx_prof_free(&P);
        memset(&P, 0, sizeof P);
        P.rxs = rxs;
        P.e = &e;
        r = readers[i](&P, data, len);
        if (r == -2) {
            refused = true;
            r = 0;
        }
    }
    if (r == 0 && refused)
        r = -1;
    if (r == 1 && pv_lx_fill_model(m, &P) != 0)
        r = pv_lx_fail(&e, "out of memory");
    pv_lx_prof_free(&P);
    return r;
}

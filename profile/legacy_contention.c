/* gperftools contention profiles ("--- contentionz 1 ---", "--- mutex:", "--- contention:"),
 * read as pprof's parseContention does: "key = value" attributes, then samples
 * "delay count @ 0xaddr ...", then the memory map. Delays are unsampled to nanoseconds with
 * the cycles/second and sampling period attributes, counts by the sampling period. */
#include "profile/legacy_int.h"
#include "profile/util.h"

#include <stdlib.h>
#include <string.h>

#define WHAT "gperftools contention profile"

/* -2 (soft: pprof then tries the Java reader) with a message */
static int refuse(pv_lx_prof *P, const char *why, size_t lineno)
{
    pv_lx_fail(P->e, WHAT ": %s line %zu", why, lineno);
    return -2;
}

static int attribute(pv_lx_prof *P, span key, span val, int64_t *cpuhz, size_t lineno)
{
    int64_t v;
    if (pv_lx_span_is(key, "discarded samples"))
        return 0;
    if (pv_lx_span_is(key, "format") || pv_lx_span_is(key, "resolution"))
        return refuse(P, "attribute of a Java profile at", lineno);
    bool known = pv_lx_span_is(key, "cycles/second") || pv_lx_span_is(key, "sampling period") ||
                 pv_lx_span_is(key, "ms since reset");
    if (!known)
        return refuse(P, "unknown attribute at", lineno);
    if (!pv_lx_parse_i64_base0(val, &v))
        return refuse(P, "bad attribute value at", lineno);
    if (pv_lx_span_is(key, "cycles/second"))
        *cpuhz = v;
    else if (pv_lx_span_is(key, "sampling period"))
        P->period = v;
    else
        P->duration_nanos = (int64_t)((uint64_t)v * 1000 * 1000);
    return 0;
}

static int sample(pv_lx_prof *P, const pv_lx_rx *rx, span t, int64_t cpuhz, size_t lineno)
{
    pv_lx_match mt;
    if (!pv_lx_rx_find(rx, t.p, t.n, &mt))
        return refuse(P, "bad sample", lineno);
    int64_t v1, v2;
    if (!pv_lx_parse_i64(pv_lx_rx_group(&mt, t.p, 1), &v1) || !pv_lx_parse_i64(pv_lx_rx_group(&mt, t.p, 2), &v2))
        return pv_lx_fail(P->e, WHAT ": sample line %zu: value out of range", lineno);
    if (P->period > 0) { /* unsampled: delays in cycles, then nanoseconds; counts */
        if (cpuhz > 0)
            v1 = pv_go_int64((double)v1 * (double)P->period / ((double)cpuhz / 1e9));
        v2 = (int64_t)((uint64_t)v2 * (uint64_t)P->period);
    }
    int64_t vals[2] = {v2, v1};
    if (pv_lx_add_sample(P, vals, 0) != 0)
        return pv_lx_fail(P->e, "out of memory");
    span bad;
    int hr = pv_lx_push_hex_addresses(P, pv_lx_rx_group(&mt, t.p, 3), -1, true, &bad);
    if (hr == -2)
        return pv_lx_fail(P->e, WHAT ": sample line %zu: address out of range: %.*s", lineno,
                          (int)(bad.n > 40 ? 40 : bad.n), bad.p);
    return hr == 0 ? 0 : pv_lx_fail(P->e, "out of memory");
}

int pv_lx_parse_contention(pv_lx_prof *P, const uint8_t *data, size_t len)
{
    pv_lx_lines ls = {(const char *)data, (const char *)data + len, 0};
    span line;
    if (pv_lx_next_line(&ls, &line) != 1)
        return 0;
    if (!pv_lx_has_prefix(line, "--- contentionz ") && !pv_lx_has_prefix(line, "--- mutex:") &&
        !pv_lx_has_prefix(line, "--- contention:"))
        return 0;
    static const char *const types[] = {"contentions", "count", "delay", "nanoseconds"};
    if (pv_lx_set_types(P, 2, types) != 0 || pv_lx_set_period_type(P, "contentions", "count") != 0)
        return pv_lx_fail(P->e, "out of memory");
    P->period = 1;
    pv_lx_rx rx;
    if (pv_lx_rx_compile(&rx, "(\\d+) *(\\d+) @([ x0-9a-f]*)") != 0)
        return pv_lx_fail(P->e, "internal error: bad pattern");

    int64_t cpuhz = 0;
    int lr;
    while ((lr = pv_lx_next_line(&ls, &line)) == 1) {
        span t = pv_lx_trim(line);
        if (pv_lx_space_or_comment(t))
            continue;
        if (pv_lx_has_prefix(t, "---"))
            break;
        const char *eq = memchr(t.p, '=', t.n);
        if (!eq)
            break;
        span key = pv_lx_trim((span){t.p, (size_t)(eq - t.p)});
        span val = pv_lx_trim((span){eq + 1, t.n - (size_t)(eq + 1 - t.p)});
        int r = attribute(P, key, val, &cpuhz, ls.lineno);
        if (r != 0)
            return r;
    }
    /* the samples, from the line that ended the attributes (the scanner's current line) */
    bool have = lr == 1;
    span cur = have ? line : (span){"", 0};
    while (lr >= 0) {
        span t = pv_lx_trim(cur);
        if (pv_lx_has_prefix(t, "---"))
            break;
        if (!pv_lx_space_or_comment(t)) {
            int r = sample(P, &rx, t, cpuhz, ls.lineno);
            if (r != 0)
                return r;
        }
        lr = pv_lx_next_line(&ls, &cur);
        if (lr != 1) {
            have = false;
            cur = (span){"", 0};
            break;
        }
    }
    if (lr < 0)
        return pv_lx_fail(P->e, WHAT ": line %zu: longer than 64 KiB", ls.lineno + 1);
    if (pv_lx_additional_sections(P, &ls, cur, have, WHAT) != 0)
        return -1;
    return 1;
}

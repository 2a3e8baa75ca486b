/* Two address-only text formats with a memory map trailer, read as pprof does:
 *   - Go count profiles, "goroutine profile: total N" / "threadcreate profile: total N" then
 *     "count @ 0xaddr ..." lines (parseGoCount);
 *   - gperftools thread profiles, "--- threadz N ---" then "--- Thread ID (name: N/TID) stack:
 *     ---" blocks of addresses, "[same as previous thread]" counting into the block before
 *     (parseThread). */
#include "profile/legacy_int.h"
#include "profile/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool is_go_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'; }
static bool is_digit(char c) { return c >= '0' && c <= '9'; }
static bool is_lhex(char c) { return is_digit(c) || (c >= 'a' && c <= 'f'); }

/* countStartRE `\A(\S+) profile: total \d+\z`; the type in *type. */
static bool count_header(span l, span *type)
{
    size_t j = 0;
    while (j < l.n && !is_go_space(l.p[j]))
        j++;
    static const char mid[] = " profile: total ";
    size_t k = j + sizeof mid - 1;
    if (j == 0 || k >= l.n || memcmp(l.p + j, mid, sizeof mid - 1) != 0)
        return false;
    for (size_t i = k; i < l.n; i++)
        if (!is_digit(l.p[i]))
            return false;
    *type = (span){l.p, j};
    return true;
}

/* countRE `\A(\d+) @(( 0x[0-9a-f]+)+)\z`: count in *n, the addresses part in *addrs. */
static bool count_line(span l, span *n, span *addrs)
{
    size_t i = 0;
    while (i < l.n && is_digit(l.p[i]))
        i++;
    if (i == 0 || i + 2 > l.n || l.p[i] != ' ' || l.p[i + 1] != '@')
        return false;
    *n = (span){l.p, i};
    *addrs = (span){l.p + i + 2, l.n - i - 2};
    size_t k = i + 2;
    if (k == l.n)
        return false;
    while (k < l.n) {
        if (k + 3 >= l.n || l.p[k] != ' ' || l.p[k + 1] != '0' || l.p[k + 2] != 'x' || !is_lhex(l.p[k + 3]))
            return false;
        k += 3;
        while (k < l.n && is_lhex(l.p[k]))
            k++;
    }
    return true;
}

static int go_count_samples(pv_lx_prof *P, pv_lx_lines *ls, const char *what);

int pv_lx_parse_go_count(pv_lx_prof *P, const uint8_t *data, size_t len)
{
    pv_lx_lines ls = {(const char *)data, (const char *)data + len, 0};
    span line = {"", 0}, type;
    int lr;
    while ((lr = pv_lx_next_line(&ls, &line)) == 1 && pv_lx_space_or_comment(line))
        ;
    if (lr != 1 || !count_header(line, &type))
        return 0;
    char *tname = malloc(type.n + 1);
    if (!tname)
        return pv_lx_fail(P->e, "out of memory");
    memcpy(tname, type.p, type.n);
    tname[type.n] = '\0';
    const char *names[2] = {tname, "count"};
    int ok = pv_lx_set_types(P, 1, names) == 0 && pv_lx_set_period_type(P, tname, "count") == 0;
    P->period = 1;
    char *what = ok ? pv_asprintf("Go %s count profile", tname) : NULL;
    free(tname);
    if (!what)
        return pv_lx_fail(P->e, "out of memory");
    int rc = go_count_samples(P, &ls, what);
    free(what);
    return rc;
}

static int go_count_samples(pv_lx_prof *P, pv_lx_lines *ls, const char *what)
{
    span line = {"", 0};
    int lr;
    bool have = false;
    while ((lr = pv_lx_next_line(ls, &line)) == 1) {
        if (pv_lx_space_or_comment(line))
            continue;
        if (pv_lx_has_prefix(line, "---")) {
            have = true;
            break;
        }
        span ns, addrs;
        int64_t n;
        if (!count_line(line, &ns, &addrs))
            return pv_lx_fail(P->e, "%s: bad sample line %zu", what, ls->lineno);
        if (!pv_lx_parse_i64_base0(ns, &n))
            return pv_lx_fail(P->e, "%s: bad count at line %zu", what, ls->lineno);
        span bad;
        int hr = pv_lx_add_sample(P, &n, 0) == 0 ? pv_lx_push_hex_addresses(P, addrs, -1, true, &bad) : -1;
        if (hr == -2)
            return pv_lx_fail(P->e, "%s: address out of range at line %zu", what, ls->lineno);
        if (hr != 0)
            return pv_lx_fail(P->e, "out of memory");
    }
    if (lr < 0)
        return pv_lx_fail(P->e, "%s: line %zu: longer than 64 KiB", what, ls->lineno + 1);
    if (pv_lx_additional_sections(P, ls, have ? line : (span){"", 0}, have, what) != 0)
        return -1;
    return 1;
}

/* ---------- threadz ---------- */

#define WHAT "gperftools thread profile"

enum { TRX_THREADZ, TRX_THREAD, TRX_COUNT };

/* parseThreadSample: the lines of one stack up to the next "---" line. Returns 1 with *next
 * the last line read (trimmed; "" when none) and *cur the scanner's current line, or -1. */
static int thread_sample(pv_lx_prof *P, pv_lx_lines *ls, span *next, span *cur, bool *have)
{
    span line = {"", 0}, raw;
    bool same = false;
    int64_t one = 1;
    size_t first = P->naddr;
    if (pv_lx_add_sample(P, &one, 0) != 0)
        return pv_lx_fail(P->e, "out of memory");
    int lr;
    *have = false;
    while ((lr = pv_lx_next_line(ls, &raw)) == 1) {
        *cur = raw;
        *have = true;
        line = pv_lx_trim(raw);
        if (line.n == 0)
            continue;
        if (pv_lx_has_prefix(line, "---"))
            break;
        if (pv_lx_contains(line, "same as previous thread")) {
            same = true;
            continue;
        }
        span bad;
        int hr = pv_lx_push_hex_addresses(P, line, -1, P->cnt[P->ns - 1] > 0, &bad);
        if (hr == -2)
            return pv_lx_fail(P->e, WHAT ": address out of range at line %zu", ls->lineno);
        if (hr != 0)
            return pv_lx_fail(P->e, "out of memory");
    }
    if (lr < 0)
        return pv_lx_fail(P->e, WHAT ": line %zu: longer than 64 KiB", ls->lineno + 1);
    if (lr == 0) {
        *have = false;
        *cur = (span){"", 0};
    }
    *next = line;
    if (same || P->cnt[P->ns - 1] == 0) { /* no stack: one more thread for the previous one */
        P->ns--;
        P->naddr = first;
        if (P->ns > 0)
            P->values[(P->ns - 1) * P->ntypes] = (int64_t)((uint64_t)P->values[(P->ns - 1) * P->ntypes] + 1);
    }
    return 1;
}

int pv_lx_parse_thread(pv_lx_prof *P, const uint8_t *data, size_t len)
{
    pv_lx_rx rxs[TRX_COUNT];
    if (pv_lx_rx_compile(&rxs[TRX_THREADZ], "--- threadz \\d+ ---") != 0 ||
        pv_lx_rx_compile(&rxs[TRX_THREAD], "--- Thread ([[:xdigit:]]+) \\(name: (.*)/(\\d+)\\) stack: ---") != 0)
        return pv_lx_fail(P->e, "internal error: bad pattern");
    pv_lx_lines ls = {(const char *)data, (const char *)data + len, 0};
    span line = {"", 0}, cur;
    int lr;
    while ((lr = pv_lx_next_line(&ls, &line)) == 1 && pv_lx_space_or_comment(line))
        ;
    if (lr != 1)
        return 0;
    pv_lx_match mt;
    bool have = true;
    size_t lineno = ls.lineno;
    if (pv_lx_rx_find(&rxs[TRX_THREADZ], line.p, line.n, &mt)) {
        span l;
        while ((lr = pv_lx_next_line(&ls, &l)) == 1) {
            line = l;
            lineno = ls.lineno;
            if (pv_lx_is_map_sentinel(line) || pv_lx_has_prefix(line, "-"))
                break;
        }
        if (lr < 0)
            return 0;
        have = lr == 1;
    } else if (!pv_lx_rx_find(&rxs[TRX_THREAD], line.p, line.n, &mt)) {
        return 0;
    }
    cur = have ? line : (span){"", 0};
    static const char *const types[] = {"thread", "count"};
    if (pv_lx_set_types(P, 1, types) != 0 || pv_lx_set_period_type(P, "thread", "count") != 0)
        return pv_lx_fail(P->e, "out of memory");
    P->period = 1;

    while (!pv_lx_is_map_sentinel(line)) {
        if (pv_lx_has_prefix(line, "---- no stack trace for")) {
            line = (span){"", 0};
            break;
        }
        if (!pv_lx_rx_find(&rxs[TRX_THREAD], line.p, line.n, &mt)) {
            pv_lx_fail(P->e, WHAT ": line %zu: neither a thread header nor the memory map", lineno);
            return -2;
        }
        if (thread_sample(P, &ls, &line, &cur, &have) != 1)
            return -1;
        lineno = ls.lineno;
    }
    if (pv_lx_additional_sections(P, &ls, cur, have, WHAT) != 0)
        return -1;
    pv_lx_cleanup_duplicate_locations(P);
    return 1;
}

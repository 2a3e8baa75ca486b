/* Java legacy profiles, read as pprof's legacy_java_profile.go does:
 *   - CPU: the gperftools binary sample words (header word 3 = 1), addresses not adjusted;
 *   - heap ("--- heapz 1 ---") and contention ("--- contentionz 1 ---" with format = java):
 *     "key = value" attributes, "size count @ 0xaddr ..." samples;
 * each followed by a symbol section "0xaddr function (File.java:line)" naming the addresses.
 * Locations keep no address (pprof aggregates them away); unnamed ones get a fake mapping. */
#include "profile/legacy_int.h"
#include "profile/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool is_go_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'; }

/* Java text is split at '\n' only (bytes.IndexByte / ReadString); no length limit. */
typedef struct {
    const char *p, *end;
    size_t lineno;
} jlines;

/* 1 = line (with_last: also a last line without '\n'), 0 = end */
static int jnext(jlines *j, span *out, bool with_last)
{
    if (j->p >= j->end)
        return 0;
    const char *nl = memchr(j->p, '\n', (size_t)(j->end - j->p));
    if (!nl && !with_last)
        return 0;
    const char *e = nl ? nl : j->end;
    *out = (span){j->p, (size_t)(e - j->p)};
    j->p = nl ? nl + 1 : j->end;
    j->lineno++;
    return 1;
}

/* ---------- function names: name -> index, first seen keeps its file ---------- */

typedef struct {
    uint32_t *slots; /* index + 1, 0 = empty */
    size_t nslots;
} fnmap;

static uint64_t hash_name(span s)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < s.n; i++)
        h = (h ^ (unsigned char)s.p[i]) * 1099511628211ull;
    return pv_mix64(h);
}

static char *dup_span(span s)
{
    char *d = malloc(s.n + 1);
    if (d) {
        memcpy(d, s.p, s.n);
        d[s.n] = '\0';
    }
    return d;
}

/* The function named name (created with file if new); PV_NONE when out of memory. */
static uint32_t function_for(pv_lx_prof *P, fnmap *fm, span name, span file)
{
    if (2 * (P->nfns + 1) > fm->nslots) {
        size_t nn = fm->nslots ? fm->nslots * 2 : 64;
        uint32_t *ns = calloc(nn, sizeof *ns);
        if (!ns)
            return PV_NONE;
        for (size_t i = 0; i < fm->nslots; i++)
            if (fm->slots[i]) {
                const char *f = P->fnames[fm->slots[i] - 1];
                size_t k = hash_name((span){f, strlen(f)}) & (nn - 1);
                while (ns[k])
                    k = (k + 1) & (nn - 1);
                ns[k] = fm->slots[i];
            }
        free(fm->slots);
        fm->slots = ns;
        fm->nslots = nn;
    }
    size_t k = hash_name(name) & (fm->nslots - 1);
    for (; fm->slots[k]; k = (k + 1) & (fm->nslots - 1)) {
        const char *f = P->fnames[fm->slots[k] - 1];
        if (strlen(f) == name.n && memcmp(f, name.p, name.n) == 0)
            return fm->slots[k] - 1;
    }
    size_t cap = P->cap_fns;
    if (pv_grow((void **)&P->fnames, &cap, P->nfns + 1, sizeof *P->fnames) != 0 ||
        pv_grow((void **)&P->ffiles, &P->cap_fns, P->nfns + 1, sizeof *P->ffiles) != 0)
        return PV_NONE;
    char *n = dup_span(name), *f = dup_span(file);
    if (!n || !f) {
        free(n);
        free(f);
        return PV_NONE;
    }
    P->fnames[P->nfns] = n;
    P->ffiles[P->nfns] = f;
    fm->slots[k] = (uint32_t)++P->nfns;
    return (uint32_t)(P->nfns - 1);
}

/* javaLocationFileLineRx `^(.*)\s+\((.+):(-?[[:digit:]]+)\)$` and javaLocationPathRx
 * `^(.*)\s+\((.*)\)$`: with greedy (.*) the '(' is the last one after white space that
 * leaves a valid rest. */
static bool file_line(span s, span *fn, span *file, span *num)
{
    if (s.n < 5 || s.p[s.n - 1] != ')')
        return false;
    size_t colon = s.n - 1;
    while (colon > 0 && s.p[colon - 1] != ':')
        colon--;
    if (colon == 0)
        return false;
    colon--;
    span d = {s.p + colon + 1, s.n - 2 - colon};
    size_t i = d.n && d.p[0] == '-' ? 1 : 0;
    if (i == d.n)
        return false;
    for (; i < d.n; i++)
        if (d.p[i] < '0' || d.p[i] > '9')
            return false;
    for (size_t q = colon - 2; q >= 1 && q < colon; q--) /* B = s[q+1, colon) not empty */
        if (s.p[q] == '(' && is_go_space(s.p[q - 1])) {
            *fn = (span){s.p, q - 1};
            *file = (span){s.p + q + 1, colon - q - 1};
            *num = d;
            return true;
        }
    return false;
}

static bool path_form(span s, span *fn, span *file)
{
    if (s.n < 3 || s.p[s.n - 1] != ')')
        return false;
    for (size_t q = s.n - 2; q >= 1; q--)
        if (s.p[q] == '(' && is_go_space(s.p[q - 1])) {
            *fn = (span){s.p, q - 1};
            *file = (span){s.p + q + 1, s.n - 2 - q};
            return true;
        }
    return false;
}

/* Go's filepath.Base */
static span path_base(span p)
{
    if (p.n == 0)
        return (span){".", 1};
    while (p.n > 0 && p.p[p.n - 1] == '/')
        p.n--;
    if (p.n == 0)
        return (span){"/", 1};
    size_t i = p.n;
    while (i > 0 && p.p[i - 1] != '/')
        i--;
    return (span){p.p + i, p.n - i};
}

/* parseJavaLocations: names the sampled addresses; then remapMappingIDs. */
static int java_locations(pv_lx_prof *P, jlines *j, const char *what)
{
    if (pv_lx_remap_locations(P) != 0)
        return -1;
    pv_idmap h;
    fnmap fm = {NULL, 0};
    P->locfn = malloc((P->nlocs ? P->nlocs : 1) * sizeof *P->locfn);
    P->locline = calloc(P->nlocs ? P->nlocs : 1, sizeof *P->locline);
    if (pv_idmap_init(&h, P->nlocs) != 0 || !P->locfn || !P->locline) {
        pv_idmap_free(&h);
        return pv_lx_fail(P->e, "out of memory");
    }
    int rc = 0;
    for (size_t i = 0; i < P->nlocs && rc == 0; i++) {
        P->locfn[i] = PV_NONE;
        if (pv_idmap_put(&h, P->locaddr[i], (uint32_t)i) < 0)
            rc = pv_lx_fail(P->e, "out of memory");
    }
    span line;
    while (rc == 0 && jnext(j, &line, true) == 1) {
        span t = pv_lx_trim(line);
        if (t.n < 3 || t.p[0] != '0' || t.p[1] != 'x') /* javaLocationRx `^\s*0x([[:xdigit:]]+)\s+(.*)\s*$` */
            continue;
        size_t k = 2;
        while (k < t.n && pv_lx_hexval(t.p[k]) >= 0)
            k++;
        if (k == 2 || k == t.n || !is_go_space(t.p[k]))
            continue;
        span hex = {t.p + 2, k - 2};
        while (k < t.n && is_go_space(t.p[k]))
            k++;
        span rest = {t.p + k, t.n - k};
        uint64_t addr;
        if (!pv_lx_parse_hex(hex, &addr)) {
            rc = pv_lx_fail(P->e, "%s: address out of range at line %zu", what, j->lineno);
            break;
        }
        uint32_t li = pv_idmap_get(&h, addr);
        if (li == PV_NONE)
            continue;
        span fn, file = {"", 0}, num = {"", 0};
        if (file_line(rest, &fn, &file, &num)) {
        } else if (path_form(rest, &fn, &file)) {
            file = path_base(file); /* a shared library: only its base name */
        } else if (pv_lx_contains(rest, "generated stub/JIT")) { /* pprof names JIT stubs STUB */
            fn = (span){"STUB", 4};
        } else {
            fn = rest;
        }
        int64_t n = 0;
        if (num.n && (!pv_lx_parse_i64(num, &n) || n <= 0))
            n = 0;
        uint32_t f = function_for(P, &fm, fn, file);
        if (f == PV_NONE) {
            rc = pv_lx_fail(P->e, "out of memory");
            break;
        }
        P->locfn[li] = f;
        P->locline[li] = n;
    }
    pv_idmap_free(&h);
    free(fm.slots);
    if (rc != 0)
        return rc;
    if (pv_lx_remap_mappings(P) != 0)
        return -1;
    P->zero_addresses = true;
    return 0;
}

int pv_lx_java_cpu(pv_lx_prof *P, const uint8_t *data, size_t len, size_t wordsize, bool little, int64_t period)
{
    static const char *const types[] = {"samples", "count", "cpu", "nanoseconds"};
    P->period = (int64_t)((uint64_t)period * 1000);
    if (pv_lx_set_types(P, 2, types) != 0 || pv_lx_set_period_type(P, "cpu", "nanoseconds") != 0)
        return pv_lx_fail(P->e, "out of memory");
    pv_lx_words w = {data, len, false, wordsize, little};
    if (pv_lx_cpu_samples(P, &w, P->period, false, "Java CPU profile") != 0)
        return -1;
    jlines j = {(const char *)w.p, (const char *)w.p + w.n, 0};
    return java_locations(P, &j, "Java CPU profile") == 0 ? 1 : -1;
}

/* attributeRx `([\w ]+)=([\w ]+)`: the first run of word characters and spaces followed by
 * '=' and a word character. */
static bool attribute(span t, span *key, span *val)
{
#define W(c) ((c) == ' ' || (c) == '_' || ((c) >= '0' && (c) <= '9') || ((c) >= 'a' && (c) <= 'z') || ((c) >= 'A' && (c) <= 'Z'))
    for (size_t i = 0; i < t.n;) {
        if (!W(t.p[i])) {
            i++;
            continue;
        }
        size_t j = i;
        while (j < t.n && W(t.p[j]))
            j++;
        if (j + 1 < t.n && t.p[j] == '=' && W(t.p[j + 1])) {
            size_t k = j + 1;
            while (k < t.n && W(t.p[k]))
                k++;
            *key = pv_lx_trim((span){t.p + i, j - i});
            *val = pv_lx_trim((span){t.p + j + 1, k - j - 1});
            return true;
        }
        i = j;
    }
    return false;
#undef W
}

/* -1 error, 0 not this format, 1 fine, with refusals before the samples softened into 0 unless
 * the profile said "format = java" (a gperftools contention profile shares the header) */
static int java_header(pv_lx_prof *P, jlines *j, bool heap, const char *what, span *pending, bool *have)
{
    span line;
    bool java = heap;
    *have = false;
    while (jnext(j, &line, false) == 1) {
        span t = pv_lx_trim(line);
        if (t.n == 0)
            continue;
        span key, val;
        if (!attribute(t, &key, &val)) {
            *pending = t;
            *have = true;
            return 1;
        }
        int64_t v;
        if (pv_lx_span_is(key, "format")) {
            if (!pv_lx_span_is(val, "java"))
                return java ? pv_lx_fail(P->e, "%s: format is not java at line %zu", what, j->lineno) : 0;
            java = true;
        } else if (pv_lx_span_is(key, "resolution")) {
            char *unit = dup_span(val);
            const char *names[4] = {heap ? "inuse_objects" : "contentions", "count", heap ? "inuse_space" : "delay", unit};
            int r = unit ? pv_lx_set_types(P, 2, names) : -1;
            free(unit);
            if (r != 0)
                return pv_lx_fail(P->e, "out of memory");
        } else if (!heap && pv_lx_span_is(key, "sampling period")) {
            if (pv_lx_set_period_type(P, "contentions", "count") != 0)
                return pv_lx_fail(P->e, "out of memory");
            if (!pv_lx_parse_i64_base0(val, &v))
                return pv_lx_fail(P->e, "%s: bad sampling period at line %zu", what, j->lineno);
            P->period = v;
        } else if (!heap && pv_lx_span_is(key, "ms since reset")) {
            if (!pv_lx_parse_i64_base0(val, &v))
                return pv_lx_fail(P->e, "%s: bad ms since reset at line %zu", what, j->lineno);
            P->duration_nanos = (int64_t)((uint64_t)v * 1000 * 1000);
        } else {
            return java ? pv_lx_fail(P->e, "%s: unknown attribute at line %zu", what, j->lineno) : 0;
        }
    }
    return 1;
}

/* javaSampleRx ` *(\d+) +(\d+) +@ +([ x0-9a-f]*)`, leftmost: the first digit run followed by
 * spaces, a digit run, spaces, '@' and spaces. */
static bool sample_line(span t, span *g1, span *g2, span *g3)
{
#define D(c) ((c) >= '0' && (c) <= '9')
    for (size_t i = 0; i < t.n;) {
        if (!D(t.p[i])) {
            i++;
            continue;
        }
        size_t a = i;
        while (a < t.n && D(t.p[a]))
            a++;
        size_t b = a;
        while (b < t.n && t.p[b] == ' ')
            b++;
        size_t c = b;
        while (c < t.n && D(t.p[c]))
            c++;
        size_t d = c;
        while (d < t.n && t.p[d] == ' ')
            d++;
        size_t e = d + 1;
        while (e < t.n && t.p[e] == ' ')
            e++;
        if (b > a && c > b && d > c && d < t.n && t.p[d] == '@' && e > d + 1) {
            size_t f = e;
            while (f < t.n && (t.p[f] == ' ' || t.p[f] == 'x' || D(t.p[f]) || (t.p[f] >= 'a' && t.p[f] <= 'f')))
                f++;
            *g1 = (span){t.p + i, a - i};
            *g2 = (span){t.p + b, c - b};
            *g3 = (span){t.p + e, f - e};
            return true;
        }
        i = a;
    }
    return false;
#undef D
}

int pv_lx_parse_java(pv_lx_prof *P, const uint8_t *data, size_t len)
{
    jlines j = {(const char *)data, (const char *)data + len, 0};
    span line;
    if (jnext(&j, &line, false) != 1)
        return 0;
    span h = pv_lx_trim(line);
    bool heap = pv_lx_span_is(h, "--- heapz 1 ---");
    if (!heap && !pv_lx_span_is(h, "--- contentionz 1 ---"))
        return 0;
    const char *what = heap ? "Java heap profile" : "Java contention profile";
    bool have;
    span t = {"", 0};
    int r = java_header(P, &j, heap, what, &t, &have);
    if (r != 1)
        return r;
    if (P->ntypes != 2)
        return pv_lx_fail(P->e, "%s: no resolution attribute (the sample types are unknown)", what);
    /* samples, from the line that ended the attributes */
    while (have) {
        span g1, g2, g3, bad;
        if (t.n) {
            if (!sample_line(t, &g1, &g2, &g3))
                break; /* the symbol section */
            int64_t v[2];
            if (!pv_lx_parse_i64_base0(g2, &v[0]) || !pv_lx_parse_i64_base0(g1, &v[1]))
                return pv_lx_fail(P->e, "%s: bad sample value at line %zu", what, j.lineno);
            int64_t bytes = 0;
            if (heap) {
                if (v[0] == 0)
                    return pv_lx_fail(P->e, "%s: sample count 0 at line %zu", what, j.lineno);
                bytes = v[1] / v[0];
                pv_lx_scale_heap(&v[0], &v[1], 524288);
            } else if (P->period != 0) {
                v[0] = (int64_t)((uint64_t)v[0] * (uint64_t)P->period);
                v[1] = (int64_t)((uint64_t)v[1] * (uint64_t)P->period);
            }
            if (pv_lx_add_sample(P, v, bytes) != 0)
                return pv_lx_fail(P->e, "out of memory");
            int hr = pv_lx_push_hex_addresses(P, g3, 0, false, &bad);
            if (hr == -2)
                return pv_lx_fail(P->e, "%s: address out of range at line %zu", what, j.lineno);
            if (hr != 0)
                return pv_lx_fail(P->e, "out of memory");
        }
        if (jnext(&j, &line, false) != 1) {
            have = false;
            break;
        }
        t = pv_lx_trim(line);
    }
    P->has_label = heap;
    /* the symbol section starts at the line that ended the samples (not consumed) */
    if (have) {
        j.p = t.p;
        j.lineno--;
    }
    return java_locations(P, &j, what) == 0 ? 1 : -1;
}

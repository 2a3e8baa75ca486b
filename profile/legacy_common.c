/* Shared by the legacy readers: see legacy_int.h. Mirrors the pieces of pprof's
 * legacy_profile.go that all text and binary legacy formats use. */
#include "profile/legacy_int.h"
#include "profile/util.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------- a small backtracking matcher for the few fixed patterns pprof uses ----------
 * Grammar: ^ (only first), literals, . \s \S \d \w and escaped punctuation,
 * [...] classes with ranges, negation and [:digit:]/[:xdigit:], groups ( ) and (?: ),
 * quantifiers ? * + on atoms, ? on groups. Greedy with backtracking: the submatches are those
 * of Go's regexp (leftmost-first, Perl-like preferences). A step budget bounds pathological
 * inputs. */

enum { IT_SET, IT_NOP, IT_OPT, IT_CAPO, IT_CAPC, IT_END };
static void set_add(uint8_t *set, unsigned c) { set[c >> 3] |= (uint8_t)(1u << (c & 7)); }
static bool set_has(const uint8_t *set, unsigned char c) { return set[c >> 3] & (1u << (c & 7)); }

static void set_escape(uint8_t *set, char e)
{
    switch (e) {
    case 's': set_add(set, ' '); set_add(set, '\t'); set_add(set, '\n'); set_add(set, '\f'); set_add(set, '\r'); break;
    case 'd': for (unsigned c = '0'; c <= '9'; c++) set_add(set, c); break;
    case 'S': {
        uint8_t sp[32] = {0};
        set_escape(sp, 's');
        for (unsigned c = 0; c < 256; c++)
            if (!set_has(sp, (unsigned char)c))
                set_add(set, c);
        break;
    }
    case 'w':
        for (unsigned c = 0; c < 256; c++)
            if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_')
                set_add(set, c);
        break;
    default: set_add(set, (unsigned char)e); break;
    }
}

/* Compiles a pattern known at build time; returns 0, or -1 if the pattern is outside the grammar. */
int pv_lx_rx_compile(pv_lx_rx *r, const char *p)
{
    memset(r, 0, sizeof *r);
    int stack[8], capstack[8], depth = 0;
    if (*p == '^') {
        r->anchored = true;
        p++;
    }
    while (*p) {
        if (r->n >= PV_LX_RXMAXITEMS - 2)
            return -1;
        if (*p == '(') {
            if (depth == 8)
                return -1;
            bool capture = !(p[1] == '?' && p[2] == ':');
            p += capture ? 1 : 3;
            stack[depth] = r->n;
            r->it[r->n++].kind = IT_NOP;
            capstack[depth] = -1;
            if (capture) {
                if (r->ncap == PV_LX_RXMAXCAPS)
                    return -1;
                capstack[depth] = ++r->ncap;
                r->it[r->n].kind = IT_CAPO;
                r->it[r->n++].cap = r->ncap;
            }
            depth++;
            continue;
        }
        if (*p == ')') {
            if (depth == 0)
                return -1;
            depth--;
            if (capstack[depth] >= 0) {
                r->it[r->n].kind = IT_CAPC;
                r->it[r->n++].cap = capstack[depth];
            }
            p++;
            if (*p == '?') {
                r->it[stack[depth]].kind = IT_OPT;
                r->it[stack[depth]].jump = r->n;
                p++;
            }
            continue;
        }
        pv_lx_rxitem *t = &r->it[r->n++];
        t->kind = IT_SET;
        t->min = t->max = 1;
        if (*p == '\\') {
            if (!p[1])
                return -1;
            set_escape(t->set, p[1]);
            p += 2;
        } else if (*p == '[') {
            p++;
            bool neg = false;
            uint8_t set[32] = {0};
            if (*p == '^') {
                neg = true;
                p++;
            }
            bool first = true;
            while (*p && (*p != ']' || first)) {
                first = false;
                if (strncmp(p, "[:digit:]", 9) == 0) {
                    set_escape(set, 'd');
                    p += 9;
                } else if (strncmp(p, "[:xdigit:]", 10) == 0) {
                    set_escape(set, 'd');
                    for (unsigned c = 'a'; c <= 'f'; c++) {
                        set_add(set, c);
                        set_add(set, c - 'a' + 'A');
                    }
                    p += 10;
                } else if (*p == '\\' && p[1]) {
                    set_escape(set, p[1]);
                    p += 2;
                } else if (p[1] == '-' && p[2] && p[2] != ']') {
                    for (unsigned c = (unsigned char)p[0]; c <= (unsigned char)p[2]; c++)
                        set_add(set, c);
                    p += 3;
                } else {
                    set_add(set, (unsigned char)*p++);
                }
            }
            if (*p != ']')
                return -1;
            p++;
            for (unsigned c = 0; c < 256; c++)
                if (set_has(set, (unsigned char)c) != neg)
                    set_add(t->set, c);
        } else if (*p == '.') {
            for (unsigned c = 0; c < 256; c++)
                if (c != '\n')
                    set_add(t->set, c);
            p++;
        } else {
            set_add(t->set, (unsigned char)*p++);
        }
        if (*p == '?') {
            t->min = 0;
            p++;
        } else if (*p == '*') {
            t->min = 0;
            t->max = UINT32_MAX;
            p++;
        } else if (*p == '+') {
            t->max = UINT32_MAX;
            p++;
        }
    }
    if (depth)
        return -1;
    r->it[r->n++].kind = IT_END;
    return 0;
}

static bool rx_at(const pv_lx_rx *r, int i, const char *s, size_t len, size_t p, pv_lx_match *mt)
{
    for (;;) {
        if (--mt->budget < 0)
            return false;
        const pv_lx_rxitem *t = &r->it[i];
        switch (t->kind) {
        case IT_END:
            mt->cap[1] = p;
            return true;
        case IT_NOP:
            i++;
            continue;
        case IT_OPT:
            if (rx_at(r, i + 1, s, len, p, mt))
                return true;
            i = t->jump;
            continue;
        case IT_CAPO:
        case IT_CAPC: {
            size_t slot = 2 * (size_t)t->cap + (t->kind == IT_CAPC);
            size_t old = mt->cap[slot];
            mt->cap[slot] = p;
            if (rx_at(r, i + 1, s, len, p, mt))
                return true;
            mt->cap[slot] = old;
            return false;
        }
        default: {
            size_t k = 0;
            while (k < t->max && p + k < len && set_has(t->set, (unsigned char)s[p + k]))
                k++;
            if (k < t->min)
                return false;
            if (t->min == t->max) {
                p += k;
                i++;
                continue;
            }
            for (;;) {
                if (rx_at(r, i + 1, s, len, p + k, mt))
                    return true;
                if (k == t->min)
                    return false;
                k--;
            }
        }
        }
    }
}

/* Go's FindStringSubmatch: the leftmost match. */
bool pv_lx_rx_find(const pv_lx_rx *r, const char *s, size_t len, pv_lx_match *mt)
{
    mt->budget = 4000000;
    for (size_t start = 0; start <= len; start++) {
        for (size_t i = 0; i < sizeof mt->cap / sizeof mt->cap[0]; i++)
            mt->cap[i] = SIZE_MAX;
        mt->cap[0] = start;
        if (rx_at(r, 0, s, len, start, mt))
            return true;
        if (r->anchored || mt->budget < 0)
            return false;
    }
    return false;
}

span pv_lx_rx_group(const pv_lx_match *mt, const char *s, int g)
{
    size_t a = mt->cap[2 * g], b = mt->cap[2 * g + 1];
    if (a == SIZE_MAX || b == SIZE_MAX || b < a)
        return (span){"", 0};
    return (span){s + a, b - a};
}

bool pv_lx_span_eq(span a, span b) { return a.n == b.n && memcmp(a.p, b.p, a.n) == 0; }
bool pv_lx_span_is(span a, const char *lit) { return a.n == strlen(lit) && memcmp(a.p, lit, a.n) == 0; }

/* ---------- errors and small helpers ---------- */

int pv_lx_fail(pv_lx_err *e, const char *fmt, ...)
{
    if (e->buf && e->len) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(e->buf, e->len, fmt, ap);
        va_end(ap);
    }
    return -1;
}

/* Go's strconv.ParseInt/ParseUint on a span of decimal (or hex) digits; false on overflow/empty. */
bool pv_lx_parse_i64(span s, int64_t *out)
{
    size_t i = 0;
    bool neg = false;
    if (s.n && (s.p[0] == '-' || s.p[0] == '+')) {
        neg = s.p[0] == '-';
        i = 1;
    }
    if (i == s.n)
        return false;
    uint64_t v = 0;
    for (; i < s.n; i++) {
        if (s.p[i] < '0' || s.p[i] > '9')
            return false;
        unsigned d = (unsigned)(s.p[i] - '0');
        if (v > (UINT64_MAX - d) / 10)
            return false;
        v = v * 10 + d;
    }
    if (neg ? v > (uint64_t)INT64_MAX + 1 : v > (uint64_t)INT64_MAX)
        return false;
    *out = neg ? (int64_t)(0 - v) : (int64_t)v;
    return true;
}

int pv_lx_hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

bool pv_lx_parse_hex(span s, uint64_t *out)
{
    if (s.n == 0)
        return false;
    uint64_t v = 0;
    for (size_t i = 0; i < s.n; i++) {
        int d = pv_lx_hexval(s.p[i]);
        if (d < 0 || v >> 60)
            return false;
        v = v << 4 | (uint64_t)d;
    }
    *out = v;
    return true;
}

static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'; }

span pv_lx_trim(span s)
{
    while (s.n && is_space(s.p[0])) {
        s.p++;
        s.n--;
    }
    while (s.n && is_space(s.p[s.n - 1]))
        s.n--;
    return s;
}

bool pv_lx_contains(span s, const char *lit)
{
    size_t l = strlen(lit);
    for (size_t i = 0; i + l <= s.n; i++)
        if (memcmp(s.p + i, lit, l) == 0)
            return true;
    return false;
}

bool pv_lx_has_prefix(span s, const char *lit)
{
    size_t l = strlen(lit);
    return s.n >= l && memcmp(s.p, lit, l) == 0;
}

bool pv_lx_is_map_sentinel(span s)
{
    return pv_lx_contains(s, "--- Memory map: ---") || pv_lx_contains(s, "MAPPED_LIBRARIES:");
}

bool pv_lx_space_or_comment(span s)
{
    span t = pv_lx_trim(s);
    return t.n == 0 || t.p[0] == '#';
}

/* Go's underscoreOK: '_' only between digits (a base prefix counts as a digit). */
static bool underscore_ok(span s)
{
    char saw = '^';
    size_t i = 0;
    if (s.n && (s.p[0] == '-' || s.p[0] == '+')) {
        s.p++;
        s.n--;
    }
    bool hex = false;
    if (s.n >= 2 && s.p[0] == '0' && strchr("bBoOxX", s.p[1])) {
        i = 2;
        saw = '0';
        hex = s.p[1] == 'x' || s.p[1] == 'X';
    }
    for (; i < s.n; i++) {
        char c = s.p[i];
        if ((c >= '0' && c <= '9') || (hex && pv_lx_hexval(c) >= 0)) {
            saw = '0';
            continue;
        }
        if (c == '_') {
            if (saw != '0')
                return false;
            saw = '_';
            continue;
        }
        if (saw == '_')
            return false;
        saw = '!';
    }
    return saw != '_';
}

bool pv_lx_parse_i64_base0(span s, int64_t *out)
{
    span s0 = s;
    bool neg = false;
    if (s.n && (s.p[0] == '-' || s.p[0] == '+')) {
        neg = s.p[0] == '-';
        s.p++;
        s.n--;
    }
    if (s.n == 0)
        return false;
    unsigned base = 10;
    if (s.p[0] == '0') {
        char c = s.n >= 3 ? s.p[1] : 0;
        base = c == 'b' || c == 'B' ? 2 : c == 'o' || c == 'O' ? 8 : c == 'x' || c == 'X' ? 16 : 8;
        size_t skip = base == 8 && !(c == 'o' || c == 'O') ? 1 : 2;
        s.p += skip;
        s.n -= skip;
    }
    uint64_t v = 0;
    bool underscores = false;
    for (size_t i = 0; i < s.n; i++) {
        if (s.p[i] == '_') {
            underscores = true;
            continue;
        }
        int d = pv_lx_hexval(s.p[i]);
        if (d < 0 || (unsigned)d >= base)
            return false;
        if (v > (UINT64_MAX - (unsigned)d) / base)
            return false;
        v = v * base + (unsigned)d;
    }
    if (underscores && !underscore_ok(s0))
        return false;
    if (neg ? v > (uint64_t)INT64_MAX + 1 : v > (uint64_t)INT64_MAX)
        return false;
    *out = neg ? (int64_t)(0 - v) : (int64_t)v;
    return true;
}

int pv_lx_next_line(pv_lx_lines *ls, span *out)
{
    if (ls->p >= ls->end)
        return 0;
    const char *nl = memchr(ls->p, '\n', (size_t)(ls->end - ls->p));
    size_t n = nl ? (size_t)(nl - ls->p) : (size_t)(ls->end - ls->p);
    if (n + (nl != NULL) > 65536)
        return -1;
    *out = (span){ls->p, n};
    if (n && ls->p[n - 1] == '\r')
        out->n--;
    ls->p = nl ? nl + 1 : ls->end;
    ls->lineno++;
    return 1;
}

/* ---------- the profile being built ---------- */

void pv_lx_prof_free(pv_lx_prof *P)
{
    free(P->values);
    free(P->off);
    free(P->cnt);
    free(P->blocksize);
    free(P->addr);
    for (size_t i = 0; i < P->nmaps; i++) {
        free(P->maps[i].file);
        free(P->maps[i].build_id);
    }
    free(P->maps);
    free(P->locaddr);
    free(P->locmap);
    for (size_t i = 0; i < 2 * PV_LX_MAXTYPES; i++)
        free(P->tnames[i]);
    free(P->ptype);
    free(P->punit);
    for (size_t i = 0; i < P->nfns; i++) {
        free(P->fnames[i]);
        free(P->ffiles[i]);
    }
    free(P->fnames);
    free(P->ffiles);
    free(P->locfn);
    free(P->locline);
}

static char *dup_or_null(const char *s)
{
    size_t n = strlen(s);
    char *d = malloc(n + 1);
    if (d)
        memcpy(d, s, n + 1);
    return d;
}

int pv_lx_set_types(pv_lx_prof *P, size_t n, const char *const *names)
{
    if (n > PV_LX_MAXTYPES)
        return -1;
    for (size_t i = 0; i < 2 * PV_LX_MAXTYPES; i++) {
        free(P->tnames[i]);
        P->tnames[i] = NULL;
    }
    P->ntypes = n;
    for (size_t i = 0; i < 2 * n; i++)
        if (!(P->tnames[i] = dup_or_null(names[i])))
            return -1;
    return 0;
}

int pv_lx_set_period_type(pv_lx_prof *P, const char *type, const char *unit)
{
    free(P->ptype);
    free(P->punit);
    P->ptype = dup_or_null(type);
    P->punit = dup_or_null(unit);
    return P->ptype && P->punit ? 0 : -1;
}

/* Starts a sample; its addresses are then pushed with pv_lx_push_addr. */
int pv_lx_add_sample(pv_lx_prof *P, const int64_t *vals, int64_t blocksize)
{
    if (P->ns == P->cap_s) {
        size_t nc = P->cap_s ? P->cap_s * 2 : 64;
        uint64_t *off = realloc(P->off, nc * sizeof *off);
        if (off)
            P->off = off;
        uint64_t *cnt = realloc(P->cnt, nc * sizeof *cnt);
        if (cnt)
            P->cnt = cnt;
        int64_t *bs = realloc(P->blocksize, nc * sizeof *bs);
        if (bs)
            P->blocksize = bs;
        int64_t *v = realloc(P->values, nc * P->ntypes * sizeof *v);
        if (v)
            P->values = v;
        if (!off || !cnt || !bs || !v)
            return -1;
        P->cap_s = nc;
    }
    memcpy(P->values + P->ns * P->ntypes, vals, P->ntypes * sizeof *vals);
    P->off[P->ns] = P->naddr;
    P->cnt[P->ns] = 0;
    P->blocksize[P->ns] = blocksize;
    P->ns++;
    return 0;
}

int pv_lx_push_addr(pv_lx_prof *P, uint64_t a)
{
    if (pv_grow((void **)&P->addr, &P->cap_addr, P->naddr + 1, sizeof *P->addr) != 0)
        return -1;
    P->addr[P->naddr++] = a;
    P->cnt[P->ns - 1]++;
    return 0;
}

/* Removes frame 1 of sample s. */
void pv_lx_drop_frame1(pv_lx_prof *P, size_t s)
{
    uint64_t *a = P->addr + P->off[s];
    memmove(a + 1, a + 2, (size_t)(P->cnt[s] - 2) * sizeof *a);
    P->cnt[s]--;
}

int pv_lx_push_hex_addresses(pv_lx_prof *P, span hx, int64_t adjust, bool adjust_first, span *bad)
{
    bool first = true;
    for (size_t i = 0; i + 2 < hx.n;) {
        char c = hx.p[i + 2];
        if (hx.p[i] == '0' && hx.p[i + 1] == 'x' && ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            size_t j = i + 2;
            while (j < hx.n && ((hx.p[j] >= '0' && hx.p[j] <= '9') || (hx.p[j] >= 'a' && hx.p[j] <= 'f')))
                j++;
            uint64_t a;
            if (!pv_lx_parse_hex((span){hx.p + i + 2, j - i - 2}, &a)) {
                *bad = (span){hx.p + i, j - i};
                return -2;
            }
            if (!first || adjust_first)
                a += (uint64_t)adjust;
            first = false;
            if (pv_lx_push_addr(P, a) != 0)
                return -1;
            i = j;
        } else {
            i++;
        }
    }
    return 0;
}

void pv_lx_cleanup_duplicate_locations(pv_lx_prof *P)
{
    for (size_t s = 0; s < P->ns; s++) {
        if (P->cnt[s] < 2)
            continue;
        const uint64_t *a = P->addr + P->off[s];
        if (a[0] == a[1] + 1)
            pv_lx_drop_frame1(P, s);
    }
}

/* ---------- memory map (ParseMemoryMap, massageMappings, remap*IDs) ---------- */

enum { MRX_PROCMAPS, MRX_BRIEFMAPS, MRX_LOGINFO, MRX_COUNT };

#define C_HEXRANGE "\\s*(?:0x)?([[:xdigit:]]+)[\\s-]?\\s*(?:0x)?([[:xdigit:]]+):?"
#define C_PERM "(?:\\s+([-rwxp]+))?"
static const char *const map_rx_src[MRX_COUNT] = {
    "^" C_HEXRANGE C_PERM "(?:\\s+([[:xdigit:]]+))?\\s+[[:xdigit:]]+:[[:xdigit:]]+\\s+[[:digit:]]+(?:\\s+(\\S+))?",
    "^" C_HEXRANGE C_PERM "(?:\\s+(\\S+))?(?:\\s+\\(@([[:xdigit:]]+)\\))?(?:\\s+([[:xdigit:]]+))?",
    "^[^\\[\\]]+:[0-9]+]\\s",
};

typedef struct {
    char **kv; /* old0, new0, old1, new1, ... */
    size_t n;
} replacer;

static void replacer_free(replacer *r)
{
    for (size_t i = 0; i < r->n; i++)
        free(r->kv[i]);
    free(r->kv);
}

/* strings.Replacer: at each position the first pair (in order) whose old string matches. */
static char *replace(const replacer *r, span s)
{
    size_t cap = s.n + 1, n = 0;
    char *out = malloc(cap);
    if (!out)
        return NULL;
    for (size_t i = 0; i < s.n;) {
        const char *rep = NULL;
        size_t oldlen = 0;
        for (size_t k = 0; k + 1 < r->n; k += 2) {
            size_t l = strlen(r->kv[k]);
            if (l && l <= s.n - i && memcmp(s.p + i, r->kv[k], l) == 0) {
                rep = r->kv[k + 1];
                oldlen = l;
                break;
            }
        }
        const char *add = rep ? rep : s.p + i;
        size_t addn = rep ? strlen(rep) : 1;
        if (n + addn + 1 > cap) {
            while (n + addn + 1 > cap)
                cap *= 2;
            char *nb = realloc(out, cap);
            if (!nb) {
                free(out);
                return NULL;
            }
            out = nb;
        }
        memcpy(out + n, add, addn);
        n += addn;
        i += rep ? oldlen : 1;
    }
    out[n] = '\0';
    return out;
}

static char *span_dup(span s)
{
    char *p = malloc(s.n + 1);
    if (p) {
        memcpy(p, s.p, s.n);
        p[s.n] = '\0';
    }
    return p;
}

/* parseMappingEntry: 1 = mapping added, 0 = executable-less entry skipped, 2 = unrecognized, -1 = OOM */
static int parse_mapping_entry(pv_lx_prof *P, const pv_lx_rx *rxs, const char *l, size_t len)
{
    pv_lx_match mt;
    span start, end, perm, file, offset, build = {"", 0};
    if (pv_lx_rx_find(&rxs[MRX_PROCMAPS], l, len, &mt)) {
        start = pv_lx_rx_group(&mt, l, 1);
        end = pv_lx_rx_group(&mt, l, 2);
        perm = pv_lx_rx_group(&mt, l, 3);
        offset = pv_lx_rx_group(&mt, l, 4);
        file = pv_lx_rx_group(&mt, l, 5);
    } else if (pv_lx_rx_find(&rxs[MRX_BRIEFMAPS], l, len, &mt)) {
        start = pv_lx_rx_group(&mt, l, 1);
        end = pv_lx_rx_group(&mt, l, 2);
        perm = pv_lx_rx_group(&mt, l, 3);
        file = pv_lx_rx_group(&mt, l, 4);
        offset = pv_lx_rx_group(&mt, l, 5);
        build = pv_lx_rx_group(&mt, l, 6);
    } else {
        return 2;
    }
    if (perm.n && !memchr(perm.p, 'x', perm.n))
        return 0;
    pv_lx_map m = {0};
    if (!pv_lx_parse_hex(start, &m.start) || !pv_lx_parse_hex(end, &m.limit))
        return 2;
    if (offset.n && !pv_lx_parse_hex(offset, &m.offset))
        return 2;
    if (pv_grow((void **)&P->maps, &P->cap_maps, P->nmaps + 1, sizeof *P->maps) != 0)
        return -1;
    m.file = span_dup(file);
    m.build_id = span_dup(build);
    if (!m.file || !m.build_id) {
        free(m.file);
        free(m.build_id);
        return -1;
    }
    P->maps[P->nmaps++] = m;
    return 1;
}

static int parse_maps(pv_lx_prof *P, pv_lx_lines *ls)
{
    pv_lx_rx rxs[MRX_COUNT];
    for (int i = 0; i < MRX_COUNT; i++)
        if (pv_lx_rx_compile(&rxs[i], map_rx_src[i]) != 0)
            return pv_lx_fail(P->e, "internal error: bad pattern %d", i);
    replacer r = {NULL, 0};
    span line;
    int lr;
    int rc = 0;
    while ((lr = pv_lx_next_line(ls, &line)) == 1) {
        pv_lx_match mt;
        if (pv_lx_rx_find(&rxs[MRX_LOGINFO], line.p, line.n, &mt)) {
            line.p += mt.cap[1];
            line.n -= mt.cap[1];
        }
        char *l = replace(&r, line);
        if (!l) {
            rc = pv_lx_fail(P->e, "out of memory");
            break;
        }
        size_t len = strlen(l);
        int pr = parse_mapping_entry(P, rxs, l, len);
        if (pr < 0) {
            free(l);
            rc = pv_lx_fail(P->e, "out of memory");
            break;
        }
        if (pr == 2) {
            char *eq = strchr(l, '=');
            if (eq) {
                char **nkv = realloc(r.kv, (r.n + 2) * sizeof *nkv);
                if (!nkv) {
                    free(l);
                    rc = pv_lx_fail(P->e, "out of memory");
                    break;
                }
                r.kv = nkv;
                span key = pv_lx_trim((span){l, (size_t)(eq - l)});
                span val = pv_lx_trim((span){eq + 1, len - (size_t)(eq + 1 - l)});
                char *k = malloc(key.n + 2), *v = span_dup(val);
                if (!k || !v) {
                    free(k);
                    free(v);
                    free(l);
                    rc = pv_lx_fail(P->e, "out of memory");
                    break;
                }
                k[0] = '$';
                memcpy(k + 1, key.p, key.n);
                k[key.n + 1] = '\0';
                r.kv[r.n++] = k;
                r.kv[r.n++] = v;
            }
        }
        free(l);
    }
    if (lr < 0 && rc == 0)
        rc = pv_lx_fail(P->e, "bufio.Scanner: token too long");
    replacer_free(&r);
    return rc;
}

static bool adjacent(const pv_lx_map *a, const pv_lx_map *b)
{
    if (a->file[0] && b->file[0] && strcmp(a->file, b->file) != 0)
        return false;
    if (a->build_id[0] && b->build_id[0] && strcmp(a->build_id, b->build_id) != 0)
        return false;
    if (a->limit != b->start)
        return false;
    if (a->offset != 0 && b->offset != 0 && a->offset + (a->limit - a->start) != b->offset)
        return false;
    return true;
}

/* libRx `([.]so$|[.]so[._][0-9]+)` */
static bool is_lib(const char *f, size_t n)
{
    for (size_t i = 0; i + 3 <= n; i++) {
        if (memcmp(f + i, ".so", 3) != 0)
            continue;
        if (i + 3 == n)
            return true;
        if (i + 5 <= n && (f[i + 3] == '.' || f[i + 3] == '_') && f[i + 4] >= '0' && f[i + 4] <= '9')
            return true;
    }
    return false;
}

static bool is_main_candidate(const char *file)
{
    /* strings.TrimSpace(strings.Replace(file, "(deleted)", "", -1)) */
    size_t n = strlen(file);
    char *buf = malloc(n + 1);
    if (!buf)
        return false;
    size_t k = 0;
    for (size_t i = 0; i < n;) {
        if (strncmp(file + i, "(deleted)", 9) == 0) {
            i += 9;
            continue;
        }
        buf[k++] = file[i++];
    }
    span t = pv_lx_trim((span){buf, k});
    bool ok = t.n > 0 && !is_lib(t.p, t.n) && t.p[0] != '[';
    free(buf);
    return ok;
}

static void massage_mappings(pv_lx_prof *P)
{
    if (P->nmaps > 1) {
        size_t w = 1;
        for (size_t i = 1; i < P->nmaps; i++) {
            pv_lx_map *lm = &P->maps[w - 1], *m = &P->maps[i];
            if (adjacent(lm, m)) {
                lm->limit = m->limit;
                if (m->file[0]) {
                    free(lm->file);
                    lm->file = m->file;
                    m->file = NULL;
                }
                if (m->build_id[0]) {
                    free(lm->build_id);
                    lm->build_id = m->build_id;
                    m->build_id = NULL;
                }
                free(m->file);
                free(m->build_id);
                continue;
            }
            P->maps[w++] = *m;
        }
        P->nmaps = w;
    }
    for (size_t i = 0; i < P->nmaps; i++) {
        if (!is_main_candidate(P->maps[i].file))
            continue;
        pv_lx_map t = P->maps[0];
        P->maps[0] = P->maps[i];
        P->maps[i] = t;
        break;
    }
}

/* remapLocationIDs: distinct addresses in sample order. */
int pv_lx_remap_locations(pv_lx_prof *P)
{
    pv_idmap h;
    if (pv_idmap_init(&h, P->naddr) != 0) {
        pv_idmap_free(&h);
        return pv_lx_fail(P->e, "out of memory");
    }
    P->locaddr = malloc((P->naddr ? P->naddr : 1) * sizeof *P->locaddr);
    P->locmap = malloc((P->naddr ? P->naddr : 1) * sizeof *P->locmap);
    if (!P->locaddr || !P->locmap) {
        pv_idmap_free(&h);
        return pv_lx_fail(P->e, "out of memory");
    }
    for (size_t s = 0; s < P->ns; s++)
        for (uint64_t k = 0; k < P->cnt[s]; k++) {
            uint64_t a = P->addr[P->off[s] + k];
            int r = pv_idmap_put(&h, a, (uint32_t)P->nlocs);
            if (r < 0) {
                pv_idmap_free(&h);
                return pv_lx_fail(P->e, "out of memory");
            }
            if (r == 1)
                P->locaddr[P->nlocs++] = a;
        }
    pv_idmap_free(&h);
    return 0;
}

int pv_lx_remap_mappings(pv_lx_prof *P)
{
    if (P->nmaps > 1 && strncmp(P->maps[0].file, "/anon_hugepage", 14) == 0 && P->maps[0].limit == P->maps[1].start) {
        free(P->maps[0].file);
        free(P->maps[0].build_id);
        memmove(P->maps, P->maps + 1, (P->nmaps - 1) * sizeof *P->maps);
        P->nmaps--;
    }
    if (P->nmaps > 0 && P->maps[0].start - P->maps[0].offset == 0x400000) {
        P->maps[0].start = 0x400000;
        P->maps[0].offset = 0;
    }
    uint32_t fake = PV_NONE;
    for (size_t i = 0; i < P->nlocs; i++) {
        uint64_t a = P->locaddr[i];
        P->locmap[i] = PV_NONE;
        if (a == 0 || (P->locfn && P->locfn[i] != PV_NONE)) /* (Java: a location with a line has no address) */
            continue;
        for (size_t j = 0; j < P->nmaps && P->locmap[i] == PV_NONE; j++)
            if (P->maps[j].start <= a && a < P->maps[j].limit)
                P->locmap[i] = (uint32_t)j;
        for (size_t j = 0; j < P->nmaps && P->locmap[i] == PV_NONE; j++) {
            pv_lx_map *m = &P->maps[j];
            if (m->offset != 0 && m->start - m->offset <= a && a < m->start) {
                m->start -= m->offset;
                m->offset = 0;
                P->locmap[i] = (uint32_t)j;
            }
        }
        if (P->locmap[i] != PV_NONE)
            continue;
        if (fake == PV_NONE) {
            if (pv_grow((void **)&P->maps, &P->cap_maps, P->nmaps + 1, sizeof *P->maps) != 0)
                return pv_lx_fail(P->e, "out of memory");
            pv_lx_map fm = {0, UINT64_MAX, 0, calloc(1, 1), calloc(1, 1)};
            if (!fm.file || !fm.build_id) {
                free(fm.file);
                free(fm.build_id);
                return pv_lx_fail(P->e, "out of memory");
            }
            fake = (uint32_t)P->nmaps;
            P->maps[P->nmaps++] = fm;
        }
        P->locmap[i] = fake;
    }
    return 0;
}

int pv_lx_parse_memory_map(pv_lx_prof *P, pv_lx_lines *ls)
{
    if (parse_maps(P, ls) != 0)
        return -1;
    massage_mappings(P);
    if (pv_lx_remap_locations(P) != 0)
        return -1;
    return pv_lx_remap_mappings(P);
}

int pv_lx_additional_sections(pv_lx_prof *P, pv_lx_lines *ls, span cur, bool have, const char *what)
{
    int lr = have ? 1 : 0;
    if (!have || !pv_lx_is_map_sentinel(cur)) {
        while ((lr = pv_lx_next_line(ls, &cur)) == 1 && !pv_lx_is_map_sentinel(cur))
            ;
        if (lr < 0)
            return pv_lx_fail(P->e, "%s: line %zu: longer than 64 KiB", what, ls->lineno + 1);
    }
    return pv_lx_parse_memory_map(P, ls);
}

/* ---------- CPU ---------- */

uint64_t pv_lx_word(pv_lx_words *w)
{
    size_t sz = w->size;
    if (w->dead || w->n < sz) {
        w->dead = true;
        w->n = 0;
        return 0;
    }
    uint64_t v = 0;
    bool little = w->little;
    for (size_t i = 0; i < sz; i++)
        v |= (uint64_t)w->p[little ? i : sz - 1 - i] << (8 * i);
    w->p += sz;
    w->n -= sz;
    return v;
}

int pv_lx_cpu_samples(pv_lx_prof *P, pv_lx_words *w, int64_t period, bool adjust, const char *what)
{
    size_t sz = w->size;
    size_t total = w->n;
    while (w->n > 0) {
        size_t at = total - w->n;
        uint64_t count = pv_lx_word(w);
        uint64_t nstk = pv_lx_word(w);
        if (w->dead || nstk > w->n / 4)
            return pv_lx_fail(P->e, "%s: truncated or malformed sample at byte %zu (%zu-byte words)", what,
                              at + 5 * sz, sz);
        int64_t vals[2] = {(int64_t)count, (int64_t)(count * (uint64_t)period)};
        size_t first = P->naddr;
        if (pv_lx_add_sample(P, vals, 0) != 0)
            return pv_lx_fail(P->e, "out of memory");
        for (uint64_t i = 0; i < nstk; i++) {
            uint64_t a = pv_lx_word(w);
            if (adjust && i > 0)
                a--;
            if (pv_lx_push_addr(P, a) != 0)
                return pv_lx_fail(P->e, "out of memory");
        }
        if (count == 0 && nstk == 1 && P->addr[first] == 0) { /* end of data */
            P->ns--;
            P->naddr = first;
            break;
        }
    }
    return 0;
}
static const char alloc_rx[] =
    "calloc|cfree|malloc|free|memalign|do_memalign|(__)?posix_memalign|pvalloc|valloc|realloc|tcmalloc::.*|"
    "tc_calloc|tc_cfree|tc_malloc|tc_free|tc_memalign|tc_posix_memalign|tc_pvalloc|tc_valloc|tc_realloc|tc_new|"
    "tc_delete|tc_newarray|tc_deletearray|tc_new_nothrow|tc_newarray_nothrow|malloc_zone_malloc|malloc_zone_calloc|"
    "malloc_zone_valloc|malloc_zone_realloc|malloc_zone_memalign|malloc_zone_free|runtime\\..*|BaseArena::.*|"
    "(::)?do_malloc_no_errno|(::)?do_malloc_pages|(::)?do_malloc|DoSampledAllocation|"
    "MallocedMemBlock::MallocedMemBlock|_M_allocate|__builtin_(vec_)?delete|__builtin_(vec_)?new|"
    "__gnu_cxx::new_allocator::allocate|__libc_malloc|__malloc_alloc_template::allocate|allocate|cpp_alloc|"
    "operator new(\\[\\])?|simple_alloc::allocate";
static const char alloc_skip_rx[] = "runtime\\.panic|runtime\\.reflectcall|runtime\\.call[0-9]*";
static const char cpu_rx[] =
    "ProfileData::Add|ProfileData::prof_handler|CpuProfiler::prof_handler|__pthread_sighandler|__restore";

static const char lock_rx[] =
    "RecordLockProfileData|(base::)?RecordLockProfileData.*|(base::)?SubmitMutexProfileData.*|"
    "(base::)?SubmitSpinLockProfileData.*|(base::Mutex::)?AwaitCommon.*|(base::Mutex::)?Unlock.*|"
    "(base::Mutex::)?UnlockSlow.*|(base::Mutex::)?ReaderUnlock.*|(base::MutexLock::)?~MutexLock.*|"
    "(Mutex::)?AwaitCommon.*|(Mutex::)?Unlock.*|(Mutex::)?UnlockSlow.*|(Mutex::)?ReaderUnlock.*|"
    "(MutexLock::)?~MutexLock.*|(SpinLock::)?Unlock.*|(SpinLock::)?SlowUnlock.*|(SpinLockHolder::)?~SpinLockHolder.*";

/* isProfileType: the sample types are exactly one of the lists (NULL-separated, "" ends). */
static bool is_profile_type(const pv_lx_prof *P, const char *const *lists)
{
    while (lists[0][0]) {
        size_t n = 0;
        bool same = true;
        for (; lists[n]; n++)
            if (n >= P->ntypes || strcmp(P->tnames[2 * n], lists[n]) != 0)
                same = false;
        if (same && n == P->ntypes)
            return true;
        lists += n + 1;
    }
    return false;
}

static pv_strid istr(pv_model *m, const char *s, bool *oom)
{
    pv_strid id = pv_intern(m, s, strlen(s));
    if (id == PV_NONE)
        *oom = true;
    return id == PV_NONE ? 0 : id;
}

int pv_lx_fill_model(pv_model *m, pv_lx_prof *P)
{
    static const char *const heapz[] = {"allocations", "size", NULL, "objects", "space", NULL,
                                        "inuse_objects", "inuse_space", NULL, "alloc_objects", "alloc_space", NULL,
                                        "alloc_objects", "alloc_space", "inuse_objects", "inuse_space", NULL, ""};
    static const char *const contentionz[] = {"contentions", "delay", NULL, ""};
    bool oom = false;
    size_t nfn = 0, nln = 0;
    pv_value_type *types = calloc(P->ntypes ? P->ntypes : 1, sizeof *types);
    pv_mapping *maps = calloc(P->nmaps ? P->nmaps : 1, sizeof *maps);
    pv_location *locs = calloc(P->nlocs ? P->nlocs : 1, sizeof *locs);
    pv_function *fns = calloc(P->nfns ? P->nfns : 1, sizeof *fns);
    pv_line *lns = calloc(P->nlocs ? P->nlocs : 1, sizeof *lns);
    uint32_t *fnidx = malloc((P->nfns ? P->nfns : 1) * sizeof *fnidx);
    int64_t *values = malloc((P->ns ? P->ns : 1) * (P->ntypes ? P->ntypes : 1) * sizeof *values);
    uint64_t *soff = malloc((P->ns + 1) * sizeof *soff), *loff = malloc((P->ns + 1) * sizeof *loff);
    uint32_t *stack = malloc((P->naddr ? P->naddr : 1) * sizeof *stack);
    pv_label *labels = malloc((P->has_label && P->ns ? P->ns : 1) * sizeof *labels);
    pv_idmap h = {0};
    if (!types || !maps || !locs || !fns || !lns || !fnidx || !values || !soff || !loff || !stack || !labels ||
        pv_idmap_init(&h, P->nlocs) != 0)
        goto oom;
    for (size_t i = 0; i < P->ntypes; i++) {
        types[i].type = istr(m, P->tnames[2 * i], &oom);
        types[i].unit = istr(m, P->tnames[2 * i + 1], &oom);
    }
    for (size_t i = 0; i < P->nmaps; i++) {
        maps[i].id = i + 1;
        maps[i].start = P->maps[i].start;
        maps[i].limit = P->maps[i].limit;
        maps[i].offset = P->maps[i].offset;
        maps[i].file = istr(m, P->maps[i].file, &oom);
        maps[i].build_id = istr(m, P->maps[i].build_id, &oom);
    }
    for (size_t i = 0; i < P->nfns; i++)
        fnidx[i] = PV_NONE;
    for (size_t i = 0; i < P->nlocs; i++) {
        if (pv_idmap_put(&h, P->locaddr[i], (uint32_t)i) < 0)
            oom = true;
        locs[i].id = i + 1;
        locs[i].mapping = P->locmap[i];
        locs[i].address = P->zero_addresses ? 0 : P->locaddr[i];
        uint32_t f = P->locfn ? P->locfn[i] : PV_NONE;
        if (f == PV_NONE)
            continue;
        if (fnidx[f] == PV_NONE) { /* remapFunctionIDs: in order of first use by a location */
            fnidx[f] = (uint32_t)nfn;
            fns[nfn].id = nfn + 1;
            fns[nfn].name = fns[nfn].system_name = istr(m, P->fnames[f], &oom);
            fns[nfn].filename = istr(m, P->ffiles[f], &oom);
            nfn++;
        }
        locs[i].line_start = (uint32_t)nln;
        locs[i].line_count = 1;
        lns[nln++] = (pv_line){.function = fnidx[f], .line = P->locline[i]};
    }
    size_t nst = 0;
    pv_strid bytes_key = P->has_label ? istr(m, "bytes", &oom) : 0;
    for (size_t s = 0; s < P->ns; s++) {
        soff[s] = nst;
        loff[s] = P->has_label ? s : 0;
        for (uint64_t k = 0; k < P->cnt[s]; k++)
            stack[nst++] = pv_idmap_get(&h, P->addr[P->off[s] + k]);
        if (P->has_label)
            labels[s] = (pv_label){.key = bytes_key, .str = 0, .num = P->blocksize[s], .num_unit = 0};
    }
    soff[P->ns] = nst;
    loff[P->ns] = P->has_label ? P->ns : 0;
    if (P->ns && P->ntypes) /* no samples: P->values is NULL, and memcpy from NULL is undefined even for 0 bytes */
        memcpy(values, P->values, P->ns * P->ntypes * sizeof *values);
    pv_idmap_free(&h);
    free(fnidx);
    fnidx = NULL;
    if (oom)
        goto oom2;

    bool heap = is_profile_type(P, heapz);
    m->ntypes = P->ntypes;
    m->sample_types = types;
    m->period_type.type = istr(m, P->ptype ? P->ptype : "", &oom);
    m->period_type.unit = istr(m, P->punit ? P->punit : "", &oom);
    m->period = P->period;
    m->duration_nanos = P->duration_nanos;
    m->drop_frames = istr(m, heap ? alloc_rx : is_profile_type(P, contentionz) ? lock_rx : cpu_rx, &oom);
    m->keep_frames = heap ? istr(m, alloc_skip_rx, &oom) : 0;
    m->nmappings = P->nmaps;
    m->mappings = maps;
    m->nlocations = P->nlocs;
    m->locations = locs;
    m->nfunctions = nfn;
    m->functions = fns;
    m->nlines = nln;
    m->lines = lns;
    free(m->values);
    free(m->stack_off);
    free(m->stack);
    free(m->label_off);
    free(m->labels);
    m->nsamples = P->ns;
    m->values = values;
    m->stack_off = soff;
    m->stack = stack;
    m->label_off = loff;
    m->labels = labels;
    return oom ? -1 : 0;
oom:
    pv_idmap_free(&h);
oom2:
    free(fnidx);
    free(types);
    free(maps);
    free(locs);
    free(fns);
    free(lns);
    free(values);
    free(soff);
    free(loff);
    free(stack);
    free(labels);
    return -1;
}

/* Text pieces shared by the legacy readers (see legacy_int.h): a pattern matcher for pprof's
 * fixed regular expressions, Go-like number parsing and line scanning. */
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

/* Legacy gperftools profiles: the binary CPU profile and the heap/growth text profiles.
 * See legacy.h. Addresses only: no functions or lines are made; the symbolizer or the
 * "[mapping]" rows take over, as for address-only profile.proto files. */
#include "profile/legacy.h"
#include "profile/util.h"

#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------- a small backtracking matcher for the few fixed patterns pprof uses ----------
 * Grammar: ^ (only first), literals, \s \S \d and escaped punctuation, [...] classes with
 * ranges, negation and [:digit:]/[:xdigit:], groups ( ) and (?: ), quantifiers ? * + on
 * atoms, ? on groups. Greedy with backtracking: the submatches are those of Go's regexp
 * (leftmost-first, Perl-like preferences). A step budget bounds pathological inputs. */

enum { IT_SET, IT_NOP, IT_OPT, IT_CAPO, IT_CAPC, IT_END };

typedef struct {
    uint8_t kind;
    uint8_t set[32];
    uint32_t min, max;
    int cap, jump;
} rx_item;

#define RX_MAXITEMS 64
#define RX_MAXCAPS 8

typedef struct {
    rx_item it[RX_MAXITEMS];
    int n, ncap;
    bool anchored;
} rx;

typedef struct {
    size_t cap[2 * RX_MAXCAPS + 2]; /* [0],[1] whole match; SIZE_MAX = unset */
    long budget;
} rx_match;

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
    default: set_add(set, (unsigned char)e); break;
    }
}

/* Compiles a pattern known at build time; returns 0, or -1 if the pattern is outside the grammar. */
static int rx_compile(rx *r, const char *p)
{
    memset(r, 0, sizeof *r);
    int stack[8], capstack[8], depth = 0;
    if (*p == '^') {
        r->anchored = true;
        p++;
    }
    while (*p) {
        if (r->n >= RX_MAXITEMS - 2)
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
                if (r->ncap == RX_MAXCAPS)
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
        rx_item *t = &r->it[r->n++];
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

static bool rx_at(const rx *r, int i, const char *s, size_t len, size_t p, rx_match *mt)
{
    for (;;) {
        if (--mt->budget < 0)
            return false;
        const rx_item *t = &r->it[i];
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
static bool rx_find(const rx *r, const char *s, size_t len, rx_match *mt)
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

typedef struct {
    const char *p;
    size_t n;
} span;

static span rx_group(const rx_match *mt, const char *s, int g)
{
    size_t a = mt->cap[2 * g], b = mt->cap[2 * g + 1];
    if (a == SIZE_MAX || b == SIZE_MAX || b < a)
        return (span){"", 0};
    return (span){s + a, b - a};
}

static bool span_eq(span a, span b) { return a.n == b.n && memcmp(a.p, b.p, a.n) == 0; }
static bool span_is(span a, const char *lit) { return a.n == strlen(lit) && memcmp(a.p, lit, a.n) == 0; }

enum { RX_HEAPHDR, RX_GROWTH, RX_FRAG, RX_HEAPSAMPLE, RX_PROCMAPS, RX_BRIEFMAPS, RX_LOGINFO, RX_COUNT };

#define C_HEXRANGE "\\s*(?:0x)?([[:xdigit:]]+)[\\s-]?\\s*(?:0x)?([[:xdigit:]]+):?"
#define C_PERM "(?:\\s+([-rwxp]+))?"
static const char *const rx_src[RX_COUNT] = {
    "heap profile: *(\\d+): *(\\d+) *\\[ *(\\d+): *(\\d+) *\\] *@ *(heap[_a-z0-9]*)/?(\\d*)",
    "heap profile: *(\\d+): *(\\d+) *\\[ *(\\d+): *(\\d+) *\\] @ growthz?",
    "heap profile: *(\\d+): *(\\d+) *\\[ *(\\d+): *(\\d+) *\\] @ fragmentationz?",
    "(-?\\d+): *(-?\\d+) *\\[ *(\\d+): *(\\d+) *] @([ x0-9a-f]*)",
    "^" C_HEXRANGE C_PERM "(?:\\s+([[:xdigit:]]+))?\\s+[[:xdigit:]]+:[[:xdigit:]]+\\s+[[:digit:]]+(?:\\s+(\\S+))?",
    "^" C_HEXRANGE C_PERM "(?:\\s+(\\S+))?(?:\\s+\\(@([[:xdigit:]]+)\\))?(?:\\s+([[:xdigit:]]+))?",
    "^[^\\[\\]]+:[0-9]+]\\s",
};

/* ---------- errors and small helpers ---------- */

typedef struct {
    char *buf;
    size_t len;
} lerr;

static int lfail(lerr *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int lfail(lerr *e, const char *fmt, ...)
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
static bool parse_i64(span s, int64_t *out)
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

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

static bool parse_hex(span s, uint64_t *out)
{
    if (s.n == 0)
        return false;
    uint64_t v = 0;
    for (size_t i = 0; i < s.n; i++) {
        int d = hexval(s.p[i]);
        if (d < 0 || v >> 60)
            return false;
        v = v << 4 | (uint64_t)d;
    }
    *out = v;
    return true;
}

static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'; }

static span trim(span s)
{
    while (s.n && is_space(s.p[0])) {
        s.p++;
        s.n--;
    }
    while (s.n && is_space(s.p[s.n - 1]))
        s.n--;
    return s;
}

static bool contains(span s, const char *lit)
{
    size_t l = strlen(lit);
    for (size_t i = 0; i + l <= s.n; i++)
        if (memcmp(s.p + i, lit, l) == 0)
            return true;
    return false;
}

static bool is_map_sentinel(span s) { return contains(s, "--- Memory map: ---") || contains(s, "MAPPED_LIBRARIES:"); }

/* Lines as Go's bufio.Scanner with ScanLines gives them: split at \n, one trailing \r dropped,
 * a last line without \n kept if not empty; a line of 64 KiB or more is an error. */
typedef struct {
    const char *p, *end;
} lines;

/* 1 = line, 0 = end, -1 = too long */
static int next_line(lines *ls, span *out)
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
    return 1;
}

/* ---------- the profile being built ---------- */

typedef struct {
    uint64_t start, limit, offset;
    char *file, *build_id;
} lmap;

typedef struct {
    const rx *rxs;
    lerr *e;
    size_t ntypes;
    /* samples: values[s*ntypes..], addresses addr[off[s] .. off[s]+cnt[s]) (leaf first) */
    size_t ns, cap_s;
    int64_t *values;
    uint64_t *off, *cnt;
    int64_t *blocksize; /* heap only: the "bytes" label */
    bool has_label;
    uint64_t *addr;
    size_t naddr, cap_addr;
    lmap *maps;
    size_t nmaps, cap_maps;
    /* locations: distinct addresses in order of first appearance */
    uint64_t *locaddr;
    uint32_t *locmap; /* index into maps, or PV_NONE */
    size_t nlocs;
    int64_t period; /* the profile's period (pprof's -raw prints it) */
} lprof;

static void lprof_free(lprof *P)
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
}

/* Starts a sample; its addresses are then pushed with push_addr. */
static int add_sample(lprof *P, const int64_t *vals, int64_t blocksize)
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

static int push_addr(lprof *P, uint64_t a)
{
    if (pv_grow((void **)&P->addr, &P->cap_addr, P->naddr + 1, sizeof *P->addr) != 0)
        return -1;
    P->addr[P->naddr++] = a;
    P->cnt[P->ns - 1]++;
    return 0;
}

/* Removes frame 1 of sample s. */
static void drop_frame1(lprof *P, size_t s)
{
    uint64_t *a = P->addr + P->off[s];
    memmove(a + 1, a + 2, (size_t)(P->cnt[s] - 2) * sizeof *a);
    P->cnt[s]--;
}

/* ---------- address hash: address -> small value ---------- */

/* ---------- memory map (ParseMemoryMap, massageMappings, remap*IDs) ---------- */

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
static int parse_mapping_entry(lprof *P, const char *l, size_t len)
{
    rx_match mt;
    span start, end, perm, file, offset, build = {"", 0};
    if (rx_find(&P->rxs[RX_PROCMAPS], l, len, &mt)) {
        start = rx_group(&mt, l, 1);
        end = rx_group(&mt, l, 2);
        perm = rx_group(&mt, l, 3);
        offset = rx_group(&mt, l, 4);
        file = rx_group(&mt, l, 5);
    } else if (rx_find(&P->rxs[RX_BRIEFMAPS], l, len, &mt)) {
        start = rx_group(&mt, l, 1);
        end = rx_group(&mt, l, 2);
        perm = rx_group(&mt, l, 3);
        file = rx_group(&mt, l, 4);
        offset = rx_group(&mt, l, 5);
        build = rx_group(&mt, l, 6);
    } else {
        return 2;
    }
    if (perm.n && !memchr(perm.p, 'x', perm.n))
        return 0;
    lmap m = {0};
    if (!parse_hex(start, &m.start) || !parse_hex(end, &m.limit))
        return 2;
    if (offset.n && !parse_hex(offset, &m.offset))
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

static int parse_maps(lprof *P, lines *ls)
{
    replacer r = {NULL, 0};
    span line;
    int lr;
    int rc = 0;
    while ((lr = next_line(ls, &line)) == 1) {
        rx_match mt;
        if (rx_find(&P->rxs[RX_LOGINFO], line.p, line.n, &mt)) {
            line.p += mt.cap[1];
            line.n -= mt.cap[1];
        }
        char *l = replace(&r, line);
        if (!l) {
            rc = lfail(P->e, "out of memory");
            break;
        }
        size_t len = strlen(l);
        int pr = parse_mapping_entry(P, l, len);
        if (pr < 0) {
            free(l);
            rc = lfail(P->e, "out of memory");
            break;
        }
        if (pr == 2) {
            char *eq = strchr(l, '=');
            if (eq) {
                char **nkv = realloc(r.kv, (r.n + 2) * sizeof *nkv);
                if (!nkv) {
                    free(l);
                    rc = lfail(P->e, "out of memory");
                    break;
                }
                r.kv = nkv;
                span key = trim((span){l, (size_t)(eq - l)});
                span val = trim((span){eq + 1, len - (size_t)(eq + 1 - l)});
                char *k = malloc(key.n + 2), *v = span_dup(val);
                if (!k || !v) {
                    free(k);
                    free(v);
                    free(l);
                    rc = lfail(P->e, "out of memory");
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
        rc = lfail(P->e, "bufio.Scanner: token too long");
    replacer_free(&r);
    return rc;
}

static bool adjacent(const lmap *a, const lmap *b)
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
    span t = trim((span){buf, k});
    bool ok = t.n > 0 && !is_lib(t.p, t.n) && t.p[0] != '[';
    free(buf);
    return ok;
}

static void massage_mappings(lprof *P)
{
    if (P->nmaps > 1) {
        size_t w = 1;
        for (size_t i = 1; i < P->nmaps; i++) {
            lmap *lm = &P->maps[w - 1], *m = &P->maps[i];
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
        lmap t = P->maps[0];
        P->maps[0] = P->maps[i];
        P->maps[i] = t;
        break;
    }
}

/* remapLocationIDs (distinct addresses in sample order) and remapMappingIDs. */
static int remap(lprof *P)
{
    pv_idmap h;
    if (pv_idmap_init(&h, P->naddr) != 0) {
        pv_idmap_free(&h);
        return lfail(P->e, "out of memory");
    }
    P->locaddr = malloc((P->naddr ? P->naddr : 1) * sizeof *P->locaddr);
    P->locmap = malloc((P->naddr ? P->naddr : 1) * sizeof *P->locmap);
    if (!P->locaddr || !P->locmap) {
        pv_idmap_free(&h);
        return lfail(P->e, "out of memory");
    }
    for (size_t s = 0; s < P->ns; s++)
        for (uint64_t k = 0; k < P->cnt[s]; k++) {
            uint64_t a = P->addr[P->off[s] + k];
            int r = pv_idmap_put(&h, a, (uint32_t)P->nlocs);
            if (r < 0) {
                pv_idmap_free(&h);
                return lfail(P->e, "out of memory");
            }
            if (r == 1)
                P->locaddr[P->nlocs++] = a;
        }
    pv_idmap_free(&h);

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
        if (a == 0)
            continue;
        for (size_t j = 0; j < P->nmaps && P->locmap[i] == PV_NONE; j++)
            if (P->maps[j].start <= a && a < P->maps[j].limit)
                P->locmap[i] = (uint32_t)j;
        for (size_t j = 0; j < P->nmaps && P->locmap[i] == PV_NONE; j++) {
            lmap *m = &P->maps[j];
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
                return lfail(P->e, "out of memory");
            lmap fm = {0, UINT64_MAX, 0, calloc(1, 1), calloc(1, 1)};
            if (!fm.file || !fm.build_id) {
                free(fm.file);
                free(fm.build_id);
                return lfail(P->e, "out of memory");
            }
            fake = (uint32_t)P->nmaps;
            P->maps[P->nmaps++] = fm;
        }
        P->locmap[i] = fake;
    }
    return 0;
}

static int parse_memory_map(lprof *P, lines *ls)
{
    if (parse_maps(P, ls) != 0)
        return -1;
    massage_mappings(P);
    return remap(P);
}

/* ---------- CPU ---------- */

typedef struct {
    const uint8_t *p;
    size_t n;
    bool dead; /* Go's nil slice: a read ran short */
    int kind;  /* 0 32l, 1 32b, 2 64l, 3 64b */
} words;

static uint64_t word(words *w)
{
    size_t sz = w->kind < 2 ? 4 : 8;
    if (w->dead || w->n < sz) {
        w->dead = true;
        w->n = 0;
        return 0;
    }
    uint64_t v = 0;
    bool little = w->kind == 0 || w->kind == 2;
    for (size_t i = 0; i < sz; i++)
        v |= (uint64_t)w->p[little ? i : sz - 1 - i] << (8 * i);
    w->p += sz;
    w->n -= sz;
    return v;
}

static int parse_cpu_samples(lprof *P, words *w, int64_t period)
{
    size_t sz = w->kind < 2 ? 4 : 8;
    size_t total = w->n;
    while (w->n > 0) {
        size_t at = total - w->n;
        uint64_t count = word(w);
        uint64_t nstk = word(w);
        if (w->dead || nstk > w->n / 4)
            return lfail(P->e, "legacy CPU profile: truncated or malformed sample at byte %zu (%zu-byte words)",
                         at + 5 * sz, sz);
        int64_t vals[2] = {(int64_t)count, (int64_t)(count * (uint64_t)period)};
        size_t first = P->naddr;
        if (add_sample(P, vals, 0) != 0)
            return lfail(P->e, "out of memory");
        for (uint64_t i = 0; i < nstk; i++) {
            uint64_t a = word(w);
            if (i > 0)
                a--;
            if (push_addr(P, a) != 0)
                return lfail(P->e, "out of memory");
        }
        if (count == 0 && nstk == 1 && P->addr[first] == 0) { /* end of data */
            P->ns--;
            P->naddr = first;
            break;
        }
    }
    return 0;
}

static void strip_handler_frames(lprof *P)
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
                drop_frame1(P, s);
    }
}

/* 1 parsed, 0 not a CPU profile, -1 error */
static int parse_cpu(lprof *P, const uint8_t *data, size_t len)
{
    for (int kind = 0; kind < 4; kind++) {
        words w = {data, len, false, kind};
        uint64_t n1 = word(&w), n2 = word(&w), n3 = word(&w), n4 = word(&w), n5 = word(&w);
        if (w.dead || n1 != 0 || n2 != 3 || n4 == 0 || n5 != 0)
            continue;
        if (n3 == 1)
            return lfail(P->e, "legacy Java CPU profiles are not supported");
        if (n3 != 0)
            continue;
        int64_t period = (int64_t)(n4 * 1000);
        P->ntypes = 2;
        P->period = period;
        if (parse_cpu_samples(P, &w, period) != 0)
            return -1;
        strip_handler_frames(P);
        lines ls = {(const char *)w.p, (const char *)w.p + w.n};
        if (parse_memory_map(P, &ls) != 0)
            return -1;
        /* cleanupDuplicateLocations: a leaf repeated from the signal context, adjusted by -1 */
        for (size_t s = 0; s < P->ns; s++) {
            const uint64_t *a = P->addr + P->off[s];
            if (P->cnt[s] > 1 && a[0] == a[1] + 1)
                drop_frame1(P, s);
        }
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

static void scale_heap(int64_t *count, int64_t *size, int64_t rate)
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

static int heap_values(lprof *P, span line, span cs, span ss, const char *label, bool v2, int64_t rate, int64_t *out,
                       int64_t *blocksize)
{
    int64_t count, size;
    if (!parse_i64(cs, &count) || !parse_i64(ss, &size))
        return lfail(P->e, "legacy heap profile: malformed sample: %.*s: number out of range", (int)line.n, line.p);
    if (count == 0 && size != 0)
        return lfail(P->e, "legacy heap profile: %s count was 0 but %s bytes was %" PRId64, label, label, size);
    if (count != 0) {
        /* Go's int64 division: INT64_MIN / -1 is INT64_MIN */
        *blocksize = count == -1 ? (int64_t)(0 - (uint64_t)size) : size / count;
        if (v2)
            scale_heap(&count, &size, rate);
    }
    out[0] = count;
    out[1] = size;
    return 0;
}

static int parse_heap(lprof *P, const uint8_t *data, size_t len)
{
    lines ls = {(const char *)data, (const char *)data + len};
    span line;
    int lr = next_line(&ls, &line);
    if (lr <= 0)
        return 0;
    rx_match mt;
    bool v2 = false, has_alloc = false;
    int64_t period = 0;
    if (rx_find(&P->rxs[RX_HEAPHDR], line.p, line.n, &mt)) {
        span g1 = rx_group(&mt, line.p, 1), g2 = rx_group(&mt, line.p, 2), g3 = rx_group(&mt, line.p, 3),
             g4 = rx_group(&mt, line.p, 4), g5 = rx_group(&mt, line.p, 5), g6 = rx_group(&mt, line.p, 6);
        if (g6.n && !parse_i64(g6, &period))
            return 0;
        has_alloc = (!span_eq(g3, g1) && !span_is(g3, "0")) || (!span_eq(g4, g2) && !span_is(g4, "0"));
        if (span_is(g5, "heapz_v2") || span_is(g5, "heap_v2")) {
            v2 = true;
        } else if (span_is(g5, "heapprofile")) {
            period = 1;
        } else if (span_is(g5, "heap")) {
            v2 = true;
            period /= 2;
        } else {
            return 0;
        }
    } else if (rx_find(&P->rxs[RX_GROWTH], line.p, line.n, &mt) || rx_find(&P->rxs[RX_FRAG], line.p, line.n, &mt)) {
        period = 1;
    } else {
        return 0;
    }
    P->ntypes = has_alloc ? 4 : 2;
    P->has_label = true;
    P->period = period;
    while ((lr = next_line(&ls, &line)) == 1) {
        span t = trim(line);
        if (t.n == 0 || t.p[0] == '#')
            continue;
        if (is_map_sentinel(t))
            break;
        if (!rx_find(&P->rxs[RX_HEAPSAMPLE], t.p, t.n, &mt))
            return lfail(P->e, "legacy heap profile: malformed sample: %.*s", (int)(t.n > 200 ? 200 : t.n), t.p);
        int64_t vals[4], bs = 0;
        int64_t *v = vals;
        if (has_alloc) {
            if (heap_values(P, t, rx_group(&mt, t.p, 3), rx_group(&mt, t.p, 4), "allocation", v2, period, v, &bs) != 0)
                return -1;
            v += 2;
        }
        if (heap_values(P, t, rx_group(&mt, t.p, 1), rx_group(&mt, t.p, 2), "inuse", v2, period, v, &bs) != 0)
            return -1;
        if (add_sample(P, vals, bs) != 0)
            return lfail(P->e, "out of memory");
        span hx = rx_group(&mt, t.p, 5);
        for (size_t i = 0; i + 2 < hx.n;) {
            if (hx.p[i] == '0' && hx.p[i + 1] == 'x' && hexval(hx.p[i + 2]) >= 0 && !(hx.p[i + 2] >= 'A' && hx.p[i + 2] <= 'F')) {
                size_t j = i + 2;
                while (j < hx.n && ((hx.p[j] >= '0' && hx.p[j] <= '9') || (hx.p[j] >= 'a' && hx.p[j] <= 'f')))
                    j++;
                uint64_t a;
                if (!parse_hex((span){hx.p + i + 2, j - i - 2}, &a))
                    return lfail(P->e, "legacy heap profile: malformed sample: failed to parse as hex 64-bit number: %.*s",
                                 (int)(j - i > 40 ? 40 : j - i), hx.p + i);
                if (push_addr(P, a - 1) != 0)
                    return lfail(P->e, "out of memory");
                i = j;
            } else {
                i++;
            }
        }
    }
    if (lr < 0)
        return lfail(P->e, "legacy heap profile: bufio.Scanner: token too long");
    /* parseAdditionalSections: skip to the memory map sentinel, then the map */
    if (lr == 1 && !is_map_sentinel(line)) {
        while ((lr = next_line(&ls, &line)) == 1 && !is_map_sentinel(line))
            ;
        if (lr < 0)
            return lfail(P->e, "legacy heap profile: bufio.Scanner: token too long");
    }
    if (parse_memory_map(P, &ls) != 0)
        return -1;
    return 1;
}

/* ---------- into the model ---------- */

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

static pv_strid istr(pv_model *m, const char *s, bool *oom)
{
    pv_strid id = pv_intern(m, s, strlen(s));
    if (id == PV_NONE)
        *oom = true;
    return id == PV_NONE ? 0 : id;
}

static int fill_model(pv_model *m, lprof *P, bool heap)
{
    bool oom = false;
    static const char *const cpu_types[] = {"samples", "count", "cpu", "nanoseconds"};
    static const char *const heap2[] = {"objects", "count", "space", "bytes"};
    static const char *const heap4[] = {"alloc_objects", "count", "alloc_space", "bytes",
                                        "inuse_objects", "count", "inuse_space", "bytes"};
    const char *const *tn = !heap ? cpu_types : P->ntypes == 4 ? heap4 : heap2;
    pv_value_type *types = calloc(P->ntypes, sizeof *types);
    pv_mapping *maps = calloc(P->nmaps ? P->nmaps : 1, sizeof *maps);
    pv_location *locs = calloc(P->nlocs ? P->nlocs : 1, sizeof *locs);
    pv_function *fns = calloc(1, sizeof *fns);
    pv_line *lns = calloc(1, sizeof *lns);
    int64_t *values = malloc((P->ns ? P->ns : 1) * P->ntypes * sizeof *values);
    uint64_t *soff = malloc((P->ns + 1) * sizeof *soff), *loff = malloc((P->ns + 1) * sizeof *loff);
    uint32_t *stack = malloc((P->naddr ? P->naddr : 1) * sizeof *stack);
    pv_label *labels = malloc((heap && P->ns ? P->ns : 1) * sizeof *labels);
    pv_idmap h = {0};
    if (!types || !maps || !locs || !fns || !lns || !values || !soff || !loff || !stack || !labels ||
        pv_idmap_init(&h, P->nlocs) != 0)
        goto oom;
    for (size_t i = 0; i < P->ntypes; i++) {
        types[i].type = istr(m, tn[2 * i], &oom);
        types[i].unit = istr(m, tn[2 * i + 1], &oom);
    }
    for (size_t i = 0; i < P->nmaps; i++) {
        maps[i].id = i + 1;
        maps[i].start = P->maps[i].start;
        maps[i].limit = P->maps[i].limit;
        maps[i].offset = P->maps[i].offset;
        maps[i].file = istr(m, P->maps[i].file, &oom);
        maps[i].build_id = istr(m, P->maps[i].build_id, &oom);
    }
    for (size_t i = 0; i < P->nlocs; i++) {
        if (pv_idmap_put(&h, P->locaddr[i], (uint32_t)i) < 0)
            oom = true;
        locs[i].id = i + 1;
        locs[i].mapping = P->locmap[i];
        locs[i].address = P->locaddr[i];
    }
    size_t nst = 0;
    pv_strid bytes_key = heap ? istr(m, "bytes", &oom) : 0;
    for (size_t s = 0; s < P->ns; s++) {
        soff[s] = nst;
        loff[s] = heap ? s : 0;
        for (uint64_t k = 0; k < P->cnt[s]; k++)
            stack[nst++] = pv_idmap_get(&h, P->addr[P->off[s] + k]);
        if (heap)
            labels[s] = (pv_label){.key = bytes_key, .str = 0, .num = P->blocksize[s], .num_unit = 0};
    }
    soff[P->ns] = nst;
    loff[P->ns] = heap ? P->ns : 0;
    if (P->ns) /* P->values is NULL without samples: no memcpy from NULL (UBSan) */
        memcpy(values, P->values, P->ns * P->ntypes * sizeof *values);
    pv_idmap_free(&h);
    if (oom)
        goto oom2;

    m->ntypes = P->ntypes;
    m->sample_types = types;
    m->period_type.type = istr(m, heap ? "space" : "cpu", &oom);
    m->period_type.unit = istr(m, heap ? "bytes" : "nanoseconds", &oom);
    m->period = P->period;
    m->drop_frames = istr(m, heap ? alloc_rx : cpu_rx, &oom);
    m->keep_frames = heap ? istr(m, alloc_skip_rx, &oom) : 0;
    m->nmappings = P->nmaps;
    m->mappings = maps;
    m->nlocations = P->nlocs;
    m->locations = locs;
    m->nfunctions = 0;
    m->functions = fns;
    m->nlines = 0;
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

int pv_legacy_parse(pv_model *m, const uint8_t *data, size_t len, char *err, size_t errlen)
{
    lerr e = {err, errlen};
    if (m->nsamples || m->nlocations || m->nmappings || m->ntypes)
        return 0; /* only a first (or only) source can be a legacy profile */
    rx rxs[RX_COUNT];
    for (int i = 0; i < RX_COUNT; i++)
        if (rx_compile(&rxs[i], rx_src[i]) != 0)
            return lfail(&e, "internal error: bad pattern %d", i);
    lprof P;
    memset(&P, 0, sizeof P);
    P.rxs = rxs;
    P.e = &e;
    bool heap = false;
    int r = parse_cpu(&P, data, len);
    if (r == 0) {
        memset(&P, 0, sizeof P);
        P.rxs = rxs;
        P.e = &e;
        r = parse_heap(&P, data, len);
        heap = true;
    }
    if (r == 1 && fill_model(m, &P, heap) != 0)
        r = lfail(&e, "out of memory");
    lprof_free(&P);
    return r;
}

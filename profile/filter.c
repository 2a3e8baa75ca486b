/* Regular expressions with pprof's (RE2) spelling on top of POSIX regex, and tag filters. */
#include "profile/filter.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "profile/measure.h"

/* Translates the RE2 constructs people type in pprof filters into POSIX ERE:
 * \d \D \w \W \s \S, (?i) at the start, (?: groups, non-greedy quantifiers (same match set). */
static char *translate(const char *re, int *icase)
{
    size_t n = strlen(re);
    char *out = malloc(n * 12 + 1);
    if (!out)
        return NULL;
    size_t o = 0;
    *icase = 0;
    if (strncmp(re, "(?i)", 4) == 0) {
        *icase = 1;
        re += 4;
    }
    for (const char *p = re; *p; p++) {
        if (p[0] == '\\' && p[1]) {
            const char *rep = NULL;
            switch (p[1]) {
            case 'd': rep = "[0-9]"; break;
            case 'D': rep = "[^0-9]"; break;
            case 'w': rep = "[0-9A-Za-z_]"; break;
            case 'W': rep = "[^0-9A-Za-z_]"; break;
            case 's': rep = "[[:space:]]"; break;
            case 'S': rep = "[^[:space:]]"; break;
            case 'A': rep = "^"; break;
            case 'z': rep = "$"; break;
            default: break;
            }
            if (rep) {
                size_t l = strlen(rep);
                memcpy(out + o, rep, l);
                o += l;
            } else {
                out[o++] = p[0];
                out[o++] = p[1];
            }
            p++;
            continue;
        }
        if (p[0] == '(' && p[1] == '?' && p[2] == ':') {
            out[o++] = '(';
            p += 2;
            continue;
        }
        if ((p[0] == '*' || p[0] == '+' || p[0] == '?' || p[0] == '}') && p[1] == '?') {
            out[o++] = p[0];
            p++;
            continue;
        }
        if (p[0] == '[') {
            /* copy a bracket expression verbatim, translating \d etc. inside it is rare */
            out[o++] = *p++;
            if (*p == '^')
                out[o++] = *p++;
            if (*p == ']')
                out[o++] = *p++;
            while (*p && *p != ']') {
                if (p[0] == '\\' && p[1]) {
                    /* POSIX brackets have no escapes: keep the escaped char literally */
                    p++;
                    if (*p == ']' || *p == '\\' || *p == '-' || *p == '^') {
                        /* cannot express portably; approximate by the character itself */
                    }
                }
                out[o++] = *p++;
            }
            if (*p)
                out[o++] = *p;
            else
                break;
            continue;
        }
        out[o++] = *p;
    }
    out[o] = '\0';
    return out;
}

/* RE2 refuses what POSIX engines accept but cannot run in bounded time or memory:
 * a repetition of a repetition (a**, a++) and counted repetitions over 1000, nested ones
 * included. pprof's regexes are RE2's, so refuse those the same way. */
static int check_repetitions(const char *re, char *err, size_t errlen)
{
    enum { MAXD = 256 };
    long inner[MAXD]; /* per open group: the largest counted-repetition product inside */
    int depth = 0;
    long last_atom = 1; /* product carried by the atom a quantifier would apply to */
    bool after_quant = false, after_lazy = false;
    inner[0] = 1;
    for (const char *p = re; *p; p++) {
        char c = *p;
        if (c == '\\' && p[1]) {
            p++;
            last_atom = 1;
            after_quant = after_lazy = false;
            continue;
        }
        if (c == '[') {
            const char *q = p + 1;
            if (*q == '^')
                q++;
            if (*q == ']')
                q++;
            while (*q && *q != ']') {
                if (*q == '\\' && q[1])
                    q++;
                q++;
            }
            p = *q ? q : q - 1;
            last_atom = 1;
            after_quant = after_lazy = false;
            continue;
        }
        if (c == '(') {
            if (depth + 1 >= MAXD) {
                snprintf(err, errlen, "expression nests too deeply");
                return -1;
            }
            inner[++depth] = 1;
            after_quant = after_lazy = false;
            continue;
        }
        if (c == ')') {
            if (depth > 0) {
                last_atom = inner[depth--];
            }
            after_quant = after_lazy = false;
            continue;
        }
        bool quant = c == '*' || c == '+' || c == '?';
        long count = 0;
        const char *qend = p;
        if (c == '{') {
            /* {n}, {n,}, {n,m}; anything else is a literal brace */
            const char *q = p + 1;
            long n = -1, mx = -1;
            if (*q >= '0' && *q <= '9') {
                n = 0;
                while (*q >= '0' && *q <= '9' && n <= 100000)
                    n = n * 10 + (*q++ - '0');
                mx = n;
                if (*q == ',') {
                    q++;
                    mx = -1;
                    if (*q >= '0' && *q <= '9') {
                        mx = 0;
                        while (*q >= '0' && *q <= '9' && mx <= 100000)
                            mx = mx * 10 + (*q++ - '0');
                    }
                }
                if (*q == '}') {
                    quant = true;
                    qend = q;
                    count = mx > n ? mx : n;
                    if (n > 1000 || mx > 1000 || (mx >= 0 && mx < n)) {
                        snprintf(err, errlen, "invalid repeat count: `%.*s`", (int)(q - p + 1), p);
                        return -1;
                    }
                }
            }
        }
        if (quant) {
            if (c == '?' && after_quant && !after_lazy) {
                after_lazy = true; /* x*? is a lazy quantifier */
                continue;
            }
            if (after_quant) {
                snprintf(err, errlen, "invalid nested repetition operator: `%.*s`", (int)(qend - p + 2), p - 1);
                return -1;
            }
            if (count > 0) {
                long prod = last_atom * count;
                if (prod > 1000) {
                    snprintf(err, errlen, "invalid repeat count: `%.*s`", (int)(qend - p + 1), p);
                    return -1;
                }
                last_atom = prod;
                if (prod > inner[depth])
                    inner[depth] = prod;
            }
            after_quant = true;
            after_lazy = false;
            p = qend;
            continue;
        }
        last_atom = 1;
        after_quant = after_lazy = false;
    }
    return 0;
}

int pv_regex_compile_posix(regex_t *re, const char *pattern, int cflags, char *err, size_t errlen)
{
    if (check_repetitions(pattern, err, errlen) != 0)
        return -1;
    int icase;
    char *t = translate(pattern, &icase);
    if (!t) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    int r = regcomp(re, t, REG_EXTENDED | cflags | (icase ? REG_ICASE : 0));
    free(t);
    if (r != 0) {
        /* RE2's wording (what pprof prints) for the errors both engines report alike */
        char msg[256];
        regerror(r, re, msg, sizeof msg);
        const char *re2 = r == REG_EPAREN    ? "missing closing )"
                          : r == REG_EBRACK  ? "missing closing ]"
                          : r == REG_ERANGE  ? "invalid character class range"
                          : r == REG_EESCAPE ? "trailing backslash at end of expression"
                                             : msg;
        snprintf(err, errlen, "%s: `%s`", re2, pattern);
        return -1;
    }
    return 0;
}

int pv_regex_compile(pv_regex *rx, const char *pattern, char *err, size_t errlen)
{
    if (pv_regex_compile_posix(&rx->re, pattern, REG_NOSUB, err, errlen) != 0)
        return -1;
    rx->ok = 1;
    return 0;
}

bool pv_regex_match(const pv_regex *rx, const char *s)
{
    return regexec(&rx->re, s, 0, NULL, 0) == 0;
}

void pv_regex_free(pv_regex *rx)
{
    if (rx->ok)
        regfree(&rx->re);
    rx->ok = 0;
}

/* ---------- tag filters ---------- */

/* One match of ([+-]?[[:digit:]]+)([[:alpha:]]+)? at or after s[from]. */
static bool range_token(const char *s, size_t from, size_t *start, size_t *end, size_t *numend)
{
    for (size_t p = from; s[p]; p++) {
        size_t q = p;
        if (s[q] == '+' || s[q] == '-')
            q++;
        if (!isdigit((unsigned char)s[q]))
            continue;
        while (isdigit((unsigned char)s[q]))
            q++;
        *numend = q;
        while (isalpha((unsigned char)s[q]))
            q++;
        *start = p;
        *end = q;
        return true;
    }
    return false;
}

static bool parse_range(pv_tagfilter *f, const char *value)
{
    size_t s0, e0, n0, s1, e1, n1;
    if (!range_token(value, 0, &s0, &e0, &n0))
        return false;
    bool two = range_token(value, e0, &s1, &e1, &n1);
    char num[64], unit[64];
    size_t nl = n0 - s0, ul = e0 - n0;
    if (nl >= sizeof num || ul >= sizeof unit)
        return false;
    memcpy(num, value + s0, nl);
    num[nl] = '\0';
    memcpy(unit, value + n0, ul);
    unit[ul] = '\0';
    errno = 0;
    long long v = strtoll(num, NULL, 10);
    if (errno)
        return false;
    f->lo = pv_scale(v, unit, unit, f->unit, sizeof f->unit);
    size_t vl = strlen(value);
    if (!two) {
        size_t ml = e0 - s0;
        if (s0 == 0 && vl == ml) {
            f->kind = PV_TAG_EQ;
        } else if (s0 == 0 && vl == ml + 1 && value[ml] == ':') {
            f->kind = PV_TAG_GE;
        } else if (s0 == 1 && value[0] == ':' && vl == ml + 1) {
            f->kind = PV_TAG_LE;
        } else {
            return false;
        }
        return true;
    }
    /* two tokens: the filter must be exactly "A:B" */
    if (!(s0 == 0 && value[e0] == ':' && s1 == e0 + 1 && value[e1] == '\0'))
        return false;
    nl = n1 - s1;
    ul = e1 - n1;
    if (nl >= sizeof num || ul >= sizeof unit)
        return false;
    memcpy(num, value + s1, nl);
    num[nl] = '\0';
    char unit2[64], scaled_unit[64];
    memcpy(unit2, value + n1, ul);
    unit2[ul] = '\0';
    errno = 0;
    v = strtoll(num, NULL, 10);
    if (errno)
        return false;
    f->hi = pv_scale(v, unit2, f->unit, scaled_unit, sizeof scaled_unit);
    if (strcmp(scaled_unit, f->unit) != 0)
        return false;
    f->kind = PV_TAG_RANGE;
    return true;
}

int pv_tagfilter_compile(pv_tagfilter *f, const char *name, const char *spec, char *err, size_t errlen,
                         bool *is_range)
{
    memset(f, 0, sizeof *f);
    const char *eq = strchr(spec, '=');
    const char *value = spec;
    if (eq) {
        f->key = strndup(spec, (size_t)(eq - spec));
        value = eq + 1;
    }
    *is_range = false;
    if (parse_range(f, value)) {
        *is_range = true;
        return 0;
    }
    f->kind = PV_TAG_REGEX;
    /* comma-separated regexes */
    const char *p = value;
    for (;;) {
        const char *c = strchr(p, ',');
        size_t l = c ? (size_t)(c - p) : strlen(p);
        char *one = strndup(p, l);
        pv_regex *nr = realloc(f->rx, (f->nrx + 1) * sizeof *nr);
        if (!one || !nr) {
            free(one);
            snprintf(err, errlen, "out of memory");
            return -1;
        }
        f->rx = nr;
        memset(&f->rx[f->nrx], 0, sizeof f->rx[0]);
        char e2[256];
        if (pv_regex_compile(&f->rx[f->nrx], one, e2, sizeof e2) != 0) {
            snprintf(err, errlen, "parsing %s regexp: error parsing regexp: %s", name, e2);
            free(one);
            return -1;
        }
        free(one);
        f->nrx++;
        if (!c)
            break;
        p = c + 1;
    }
    return 0;
}

void pv_tagfilter_free(pv_tagfilter *f)
{
    for (size_t i = 0; i < f->nrx; i++)
        pv_regex_free(&f->rx[i]);
    free(f->rx);
    free(f->key);
    memset(f, 0, sizeof *f);
}

static bool num_match(const pv_tagfilter *f, int64_t v, const char *unit)
{
    char su[64];
    double sv = pv_scale(v, unit, f->unit, su, sizeof su);
    if (strcmp(su, f->unit) != 0)
        return false;
    switch (f->kind) {
    case PV_TAG_EQ: return sv == f->lo;
    case PV_TAG_GE: return sv >= f->lo;
    case PV_TAG_LE: return sv <= f->lo;
    case PV_TAG_RANGE: return sv >= f->lo && sv <= f->hi;
    default: return false;
    }
}

bool pv_tagfilter_match(const pv_tagfilter *f, const pv_model *m, const pv_label *labels, size_t n,
                        const char *(*num_unit)(void *ctx, pv_strid key), void *ctx)
{
    if (f->kind != PV_TAG_REGEX) {
        for (size_t i = 0; i < n; i++) {
            const pv_label *l = &labels[i];
            if (l->str)
                continue;
            if (f->key && strcmp(pv_str(m, l->key), f->key) != 0)
                continue;
            if (num_match(f, l->num, num_unit(ctx, l->key)))
                return true;
        }
        return false;
    }
    if (f->key) {
        for (size_t r = 0; r < f->nrx; r++)
            for (size_t i = 0; i < n; i++) {
                const pv_label *l = &labels[i];
                if (l->str && strcmp(pv_str(m, l->key), f->key) == 0 && pv_regex_match(&f->rx[r], pv_str(m, l->str)))
                    return true;
            }
        return false;
    }
    /* every regex must match some "key:value" */
    char buf[4096];
    for (size_t r = 0; r < f->nrx; r++) {
        bool hit = false;
        for (size_t i = 0; i < n && !hit; i++) {
            const pv_label *l = &labels[i];
            if (!l->str)
                continue;
            snprintf(buf, sizeof buf, "%s:%s", pv_str(m, l->key), pv_str(m, l->str));
            hit = pv_regex_match(&f->rx[r], buf);
        }
        if (!hit)
            return false;
    }
    return true;
}
